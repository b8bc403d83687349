// Parses a GIFT file with the npm package gift-pegjs (a GIFT grammar that
// follows Moodle's) and prints what it read as JSON, one entry a question or
// category, for `tests/testsuite/package.rs` to compare with the course.
// Usage: node gift-parse.mjs FILE. Exit 1 (with the parser's message) when
// the file does not parse.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { parse } = require("gift-pegjs");

const text = (t) => (t == null ? null : t.text);
const file = process.argv[2];
let parsed;
try {
  parsed = parse(readFileSync(file, "utf8"));
} catch (e) {
  const at = e.location ? ` at line ${e.location.start.line}, column ${e.location.start.column}` : "";
  console.error(`gift-pegjs cannot parse ${file}${at}: ${e.message}`);
  process.exit(1);
}
const out = parsed.map((q) =>
  q.type === "Category"
    ? { type: "Category", title: q.title }
    : {
        type: q.type,
        title: q.title,
        format: q.stem.format,
        stem: q.stem.text,
        isTrue: q.isTrue ?? null,
        globalFeedback: text(q.globalFeedback),
        choices: (q.choices ?? []).map((c) => ({
          text: text(c.text),
          isCorrect: c.isCorrect,
          weight: c.weight,
          feedback: text(c.feedback),
        })),
        // Matching: each pair's prompt and answer (a distractor has an empty prompt).
        pairs: (q.matchPairs ?? []).map((p) => [text(p.subquestion), p.subanswer]),
      },
);
console.log(JSON.stringify(out));
