//! The native command line with a reviewer's decisions (`--decisions FILE`): the same decisions the page applies,
//! read from a JSON file, judged on `--as-of`, shown on every hit (`--all-hits`) and in the order report.

use std::path::PathBuf;
use std::process::Command;

fn dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_export-screen")).args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const DECISIONS: &str = r#"{"kind": "export-screen-decisions", "version": 2, "decisions": [
  {"party": {"name": "M/s Hasan Scientific Corp", "country": "PK"}, "entryId": "demo-el-hassan-scientific",
   "listId": "demo-toml", "kind": "false-positive", "note": "a school supplier, NTN 1234567", "by": "A. Reviewer",
   "expires": "2027-12-01"}]}"#;

#[test]
fn decisions_apply_to_parties_and_orders_until_they_expire() {
    let d = dir("cli-decisions");
    let parties = d.join("parties.csv");
    std::fs::write(
        &parties,
        "KUNNR;NAME1;LAND1\n100;M/s Hasan Scientific Corp;PK\n101;Nordic Office Interiors AS;NO\n",
    )
    .expect("write");
    let order = d.join("order.txt");
    std::fs::write(&order, "Buyer: M/s Hasan Scientific Corp, Lahore, Pakistan\nItems: 40 office chairs\n")
        .expect("write");
    let decisions = d.join("decisions.json");
    std::fs::write(&decisions, DECISIONS).expect("write");
    let (p, o, dd) = (parties.to_str().unwrap(), order.to_str().unwrap(), decisions.to_str().unwrap());

    // Without decisions the listed buyer is a hit.
    assert_eq!(run(&["parties", p]).0, 3);
    // With them, it is set aside (exit 0), and --all-hits shows the decision on the hit.
    let (code, csv, err) = run(&["--decisions", dd, "--as-of", "2026-12-01", "--all-hits", "parties", p]);
    assert_eq!(code, 0, "{err}");
    let hassan = csv.lines().find(|l| l.starts_with("100,")).expect("row 100");
    assert!(hassan.contains(",false positive,A. Reviewer,\"a school supplier, NTN 1234567\",2027-12-01,"), "{hassan}");
    // The order: the engine's verdict and the verdict after the decision.
    let (code, json, err) = run(&["--decisions", dd, "--as-of", "2026-12-01", "order", o]);
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&json).expect("JSON report");
    assert_eq!(report["verdict"], "stop");
    assert_eq!(report["verdictAfterDecisions"], "clear");
    assert_eq!(report["decisionsAsOf"], "2026-12-01");
    assert_eq!(report["parties"][0]["hits"][0]["decision"]["by"], "A. Reviewer");
    // After its expiry day the decision applies nowhere.
    let (code, json, _) = run(&["--decisions", dd, "--as-of", "2027-12-02", "order", o]);
    assert_eq!(code, 3);
    let report: serde_json::Value = serde_json::from_str(&json).expect("JSON report");
    assert_eq!(report["verdictAfterDecisions"], "stop");
    assert!(report["parties"][0]["hits"][0].get("decision").is_none());
    assert_eq!(report["parties"][0]["hits"][0]["expiredDecision"]["expires"], "2027-12-01");
}

#[test]
fn a_bad_decisions_file_names_the_decision() {
    let d = dir("cli-bad-decisions");
    let bad = d.join("bad.json");
    std::fs::write(&bad, DECISIONS.replace("2027-12-01", "next year")).expect("write");
    let (code, _, err) = run(&["--decisions", bad.to_str().unwrap(), "lists"]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.json: decision 1: expires: \"next year\" is not a date"), "{err}");
    let (code, _, err) = run(&["--as-of", "2026-12-01", "lists"]);
    assert_eq!((code, err.trim()), (2, "export-screen: --as-of needs --decisions"));
}

#[test]
fn snapshot_writes_a_manifest_with_when_and_each_lists_date() {
    let d = dir("cli-snapshot");
    let csl = d.join("consolidated.csv");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser/fixtures/example_csl.csv"), &csl).expect("copy");
    let out = d.join("bundle");
    let (code, _, err) = run(&["--no-demo", "--list", csl.to_str().unwrap(), "snapshot", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).expect("manifest")).expect("JSON");
    // "updated on" for the page and the element, as an ISO date-time in UTC, and the Unix time it comes from.
    let generated = manifest["generated"].as_str().expect("generated");
    assert!(generated.len() == 20 && generated.ends_with('Z') && generated.as_bytes()[10] == b'T', "{generated}");
    assert!(manifest["generatedUnix"].as_u64().is_some_and(|t| t > 1_700_000_000));
    let list = &manifest["lists"][0];
    assert_eq!(list["asOf"]["basis"], "entries", "{list}");
    assert!(list["asOf"]["date"].as_str().is_some_and(|d| d.len() == 10), "{list}");
    assert!(out.join(list["file"].as_str().expect("file")).exists());
}
