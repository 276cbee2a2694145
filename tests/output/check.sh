# tests/output/check.sh: JSON and SARIF shape checks, sourced by tests/run.
# Uses the runner's $TOOL, $TMP, ok and bad, and node (no npm packages).  Fixtures:
# tests/output/bug.c (one finding of each of several kinds) and tests/output/clean.c (none).
# Each check below is one ok/bad call; all names here start with o_.
#
# The SARIF checks follow GitHub code scanning's list of required properties ("SARIF support
# for code scanning"): $schema, version 2.1.0, runs[].tool.driver.name and .rules[] (id,
# shortDescription.text), results[] with message.text, locations[] (1 to 10) with
# physicalLocation.artifactLocation.uri and region.startLine, and partialFingerprints.

o_dir=$TMP/output
mkdir -p "$o_dir"
o_bug=tests/output/bug.c
o_clean=tests/output/clean.c

cat >"$o_dir/check.js" <<'EOF'
'use strict';
// node check.js MODE ARGS...: prints one line per problem; exit status 1 if there are any.
const fs = require('fs');
const [mode, ...args] = process.argv.slice(2);
const problems = [];
const want = (cond, msg) => { if (!cond) problems.push(msg); return cond; };

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStr = (v) => typeof v === 'string';
const isText = (v) => typeof v === 'string' && v.length > 0;
const isPos = (v) => Number.isInteger(v) && v >= 1;

// Output must be UTF-8 (RFC 8259; SARIF files are UTF-8) and parse as one JSON value.
function load(path) {
	const bytes = fs.readFileSync(path);
	let s;
	try {
		s = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch (e) {
		problems.push(`${path}: not valid UTF-8`);
		s = bytes.toString('utf8');
	}
	try {
		return JSON.parse(s);
	} catch (e) {
		problems.push(`${path}: not JSON: ${e.message}`);
		return null;
	}
}

// Text output: warnings with their notes, then free-standing notes.
function textWarnings(path) {
	return fs.readFileSync(path, 'utf8').split('\n').filter((l) => / warning: .*\[[a-z-]+\]$/.test(l)).map((l) => {
		const m = /^(.*):(\d+):(\d+): warning: (.*) \[([a-z-]+)\]$/.exec(l);
		return { file: m[1], line: +m[2], column: +m[3], message: m[4], kind: m[5] };
	});
}

// The text output as report_text writes it, rebuilt from the JSON document.
function textFromJson(doc) {
	const out = [];
	for (const f of doc.findings) {
		const at = `${f.file}:${f.line}:${f.column}`;
		out.push(`${at}: warning: ${f.message} [${f.kind}]`);
		out.push(`${at}: note: in function '${f.function}'`);
		for (const n of f.notes) out.push(`${n.file}:${n.line}:${n.column}: note: ${n.message}`);
	}
	for (const n of doc.notices || []) out.push(`${n.file}:${n.line}:${n.column}: note: ${n.message}`);
	return out;
}

function checkJsonShape(doc, where) {
	if (!want(isObj(doc), `${where}: top level is not an object`)) return;
	want(doc.version === 1, `${where}: version is ${JSON.stringify(doc.version)}, want 1`);
	if (!want(Array.isArray(doc.findings), `${where}: findings is not an array`)) return;
	doc.findings.forEach((f, i) => {
		const w = `${where}: findings[${i}]`;
		if (!want(isObj(f), `${w} is not an object`)) return;
		for (const k of ['file', 'function', 'kind', 'lock', 'message'])
			want(isText(f[k]), `${w}.${k} is not a non-empty string`);
		for (const k of ['line', 'column'])
			want(isPos(f[k]), `${w}.${k} is not an integer >= 1`);
		if (!want(Array.isArray(f.notes), `${w}.notes is not an array`)) return;
		f.notes.forEach((n, k) => {
			const nw = `${w}.notes[${k}]`;
			if (!want(isObj(n), `${nw} is not an object`)) return;
			want(isText(n.file), `${nw}.file is not a non-empty string`);
			want(isText(n.message), `${nw}.message is not a non-empty string`);
			want(isPos(n.line) && isPos(n.column), `${nw}.line/column are not integers >= 1`);
		});
	});
	if (doc.notices !== undefined) want(Array.isArray(doc.notices), `${where}: notices is not an array`);
}

// input: the path given to the tool (relative), for the expected artifactLocation.uri.
function checkSarifShape(doc, where, input) {
	if (!want(isObj(doc), `${where}: top level is not an object`)) return [];
	want(doc.version === '2.1.0', `${where}: version is ${JSON.stringify(doc.version)}, want "2.1.0"`);
	want(isText(doc.$schema), `${where}: $schema is not a non-empty string`);
	if (!want(Array.isArray(doc.runs) && doc.runs.length >= 1, `${where}: runs is not a non-empty array`)) return [];
	const results = [];
	doc.runs.forEach((run, r) => {
		const rw = `${where}: runs[${r}]`;
		const driver = run && run.tool && run.tool.driver;
		if (!want(isObj(driver), `${rw}.tool.driver is not an object`)) return;
		want(isText(driver.name), `${rw}.tool.driver.name is not a non-empty string`);
		const ids = [];
		if (want(Array.isArray(driver.rules), `${rw}.tool.driver.rules is not an array`)) {
			driver.rules.forEach((rule, k) => {
				const w = `${rw}.tool.driver.rules[${k}]`;
				if (!want(isObj(rule), `${w} is not an object`)) return;
				want(isText(rule.id), `${w}.id is not a non-empty string`);
				want(!ids.includes(rule.id), `${w}.id '${rule.id}' is not unique`);
				ids.push(rule.id);
				want(isObj(rule.shortDescription) && isText(rule.shortDescription.text),
					`${w}.shortDescription.text is not a non-empty string`);
				if (rule.fullDescription !== undefined)
					want(isObj(rule.fullDescription) && isText(rule.fullDescription.text),
						`${w}.fullDescription.text is not a non-empty string`);
			});
		}
		if (!want(Array.isArray(run.results), `${rw}.results is not an array`)) return;
		run.results.forEach((res, k) => {
			const w = `${rw}.results[${k}]`;
			if (!want(isObj(res), `${w} is not an object`)) return;
			want(isText(res.ruleId) && ids.includes(res.ruleId), `${w}.ruleId ${JSON.stringify(res.ruleId)} is not a rule id`);
			if (res.ruleIndex !== undefined)
				want(Number.isInteger(res.ruleIndex) && driver.rules[res.ruleIndex] &&
					driver.rules[res.ruleIndex].id === res.ruleId, `${w}.ruleIndex does not point at rule '${res.ruleId}'`);
			if (res.level !== undefined)
				want(['none', 'note', 'warning', 'error'].includes(res.level), `${w}.level '${res.level}' is not a SARIF level`);
			want(isObj(res.message) && isText(res.message.text), `${w}.message.text is not a non-empty string`);
			want(isObj(res.partialFingerprints) && Object.keys(res.partialFingerprints).length > 0 &&
				Object.values(res.partialFingerprints).every(isText), `${w}.partialFingerprints is not an object of strings`);
			let line = 0;
			if (want(Array.isArray(res.locations) && res.locations.length >= 1 && res.locations.length <= 10,
				`${w}.locations is not an array of 1 to 10 locations`))
				line = checkLocation(res.locations[0], `${w}.locations[0]`, input, false);
			if (res.relatedLocations !== undefined && want(Array.isArray(res.relatedLocations), `${w}.relatedLocations is not an array`))
				res.relatedLocations.forEach((loc, n) => checkLocation(loc, `${w}.relatedLocations[${n}]`, input, true));
			results.push({ line, kind: res.ruleId });
		});
	});
	return results;
}

// Returns the location's start line (0 when it is malformed).
function checkLocation(loc, w, input, needMessage) {
	if (!want(isObj(loc), `${w} is not an object`)) return 0;
	if (needMessage) want(isObj(loc.message) && isText(loc.message.text), `${w}.message.text is not a non-empty string`);
	const pl = loc.physicalLocation;
	if (!want(isObj(pl), `${w}.physicalLocation is not an object`)) return 0;
	const uri = pl.artifactLocation && pl.artifactLocation.uri;
	if (want(isText(uri), `${w}.physicalLocation.artifactLocation.uri is not a non-empty string`)) {
		want(!uri.startsWith('/') && !uri.startsWith('./') && !/^[a-z]+:/i.test(uri),
			`${w}: uri '${uri}' is not a plain relative path`);
		const expect = input.replace(/^(\.\/)+/, '');
		want(uri === expect, `${w}: uri '${uri}', want '${expect}'`);
	}
	const region = pl.region;
	if (!want(isObj(region) && isPos(region.startLine), `${w}.physicalLocation.region.startLine is not an integer >= 1`)) return 0;
	if (region.startColumn !== undefined) want(isPos(region.startColumn), `${w}: region.startColumn is not an integer >= 1`);
	return region.startLine;
}

const key = (x) => `${x.line} ${x.kind}`;
function sameWarnings(got, text, what) {
	want(got.length === text.length, `${what}: ${got.length} findings, the text output has ${text.length} warnings`);
	const a = got.map(key).sort(), b = text.map(key).sort();
	want(JSON.stringify(a) === JSON.stringify(b), `${what}: lines and kinds differ from the text output: ${a.join(', ')} vs ${b.join(', ')}`);
}

if (mode === 'json-shape') {
	// json-shape OUT: the document's shape, and at least one finding.
	const doc = load(args[0]);
	checkJsonShape(doc, 'json');
	if (doc && Array.isArray(doc.findings)) want(doc.findings.length > 0, 'json: no findings for a file with bugs');
} else if (mode === 'json-text') {
	// json-text OUT TEXT: the same findings, and the text output rebuilt from the JSON.
	const doc = load(args[0]);
	if (doc && Array.isArray(doc.findings)) {
		const text = fs.readFileSync(args[1], 'utf8').split('\n').filter((l) => l !== '');
		sameWarnings(doc.findings.map((f) => ({ line: f.line, kind: f.kind })), textWarnings(args[1]), 'json');
		const rebuilt = textFromJson(doc);
		const n = Math.max(rebuilt.length, text.length);
		for (let i = 0; i < n; i++)
			if (!want(rebuilt[i] === text[i], `json: text line ${i + 1} is\n    ${text[i]}\n  rebuilt from JSON:\n    ${rebuilt[i]}`)) break;
	} else {
		want(false, 'json: no findings array');
	}
} else if (mode === 'sarif') {
	// sarif OUT INPUT TEXT: the shape, and the same results as the text output.
	const doc = load(args[0]);
	const results = checkSarifShape(doc, 'sarif', args[1]);
	if (problems.length === 0) {
		want(results.length > 0, 'sarif: no results for a file with bugs');
		sameWarnings(results, textWarnings(args[2]), 'sarif');
	}
} else if (mode === 'json-empty') {
	const doc = load(args[0]);
	checkJsonShape(doc, 'json');
	want(doc && Array.isArray(doc.findings) && doc.findings.length === 0, 'json: findings is not []');
} else if (mode === 'sarif-empty') {
	const doc = load(args[0]);
	checkSarifShape(doc, 'sarif', args[1]);
	want(doc && Array.isArray(doc.runs) && doc.runs.length >= 1 && doc.runs.every((r) => Array.isArray(r.results) && r.results.length === 0),
		'sarif: results is not []');
} else {
	want(false, `unknown mode ${mode}`);
}
for (const p of problems.slice(0, 20)) console.log(p);
if (problems.length > 20) console.log(`... and ${problems.length - 20} more`);
process.exit(problems.length ? 1 : 0);
EOF

# o_check NAME WANT_STATUS MODE ARG...: the tool's status was saved in o_st; runs the
# node checker, and reports one test.
o_check() {
	o_name=$1 o_want=$2
	shift 2
	if [ "$o_st" -ne "$o_want" ]; then
		{
			echo "exit status $o_st, want $o_want"
			head -n 20 "$o_dir/err"
		} >"$o_dir/why"
		bad "$o_name" "$o_dir/why"
	elif node "$o_dir/check.js" "$@" >"$o_dir/why" 2>&1; then
		ok "$o_name"
	else
		bad "$o_name" "$o_dir/why"
	fi
}

# o_run OUT ARG...: runs the tool, stdout to OUT, stderr to o_dir/err; sets o_st.
o_run() {
	o_out=$1
	shift
	"$TOOL" "$@" >"$o_out" 2>"$o_dir/err"
	o_st=$?
}

o_run "$o_dir/bug.txt" "$o_bug"
o_run "$o_dir/bug.json" --format=json "$o_bug"
o_check "output: JSON shape ($o_bug)" 1 json-shape "$o_dir/bug.json"
o_check "output: JSON says what the text output says ($o_bug)" 1 json-text "$o_dir/bug.json" "$o_dir/bug.txt"

# A "./" prefix on a relative input must not reach the SARIF uri.
o_run "$o_dir/bug.sarif" --format=sarif "./$o_bug"
o_check "output: SARIF shape for GitHub code scanning (./$o_bug)" 1 sarif "$o_dir/bug.sarif" "$o_bug" "$o_dir/bug.txt"

o_run "$o_dir/clean.json" --format=json "$o_clean"
o_check "output: JSON with no findings ($o_clean)" 0 json-empty "$o_dir/clean.json"

o_run "$o_dir/clean.sarif" --format=sarif "$o_clean"
o_check "output: SARIF with no findings ($o_clean)" 0 sarif-empty "$o_dir/clean.sarif" "$o_clean"

# Skipping the functions that cannot touch a lock (src/quiet.c) changes the time, never the
# output: the multi-file cases, run whole with and without --no-quiet, print the same.
o_name="output: the same with and without --no-quiet (tests/summary, tests/lock)"
"$TOOL" -v tests/summary tests/lock >"$o_dir/quiet.txt" 2>&1
"$TOOL" -v --no-quiet tests/summary tests/lock >"$o_dir/noquiet.txt" 2>&1
if cmp -s "$o_dir/quiet.txt" "$o_dir/noquiet.txt" && [ -s "$o_dir/quiet.txt" ]; then
	ok "$o_name"
else
	diff "$o_dir/quiet.txt" "$o_dir/noquiet.txt" >"$o_dir/why" 2>&1
	bad "$o_name" "$o_dir/why"
fi
