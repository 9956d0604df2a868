"""The workflow fixer: event data expanded into a run: script moves to the step's env: and the script
reads a shell variable, quoted for where the expression stood."""

from __future__ import annotations

import pytest

from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

HEAD = "name: t\non: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
PATH = ".github/workflows/t.yml"

CASES = [
    (  # a block script, the expression inside double quotes
        "      - name: Say\n        run: |\n"
        '          echo "Title: ${{ github.event.issue.title }}"\n          ./x.sh\n',
        "      - name: Say\n        env:\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n"
        "        run: |\n"
        '          echo "Title: ${ISSUE_TITLE}"\n          ./x.sh\n',
    ),
    (  # on the dash line: env after the run value; unquoted and double-quoted uses, one variable each
        "      - run: ./n.sh ${{ github.event.issue.title }} "
        '"${{ github.event.issue.title }}" ${{ github.head_ref }}\n',
        '      - run: ./n.sh "${ISSUE_TITLE}" "${ISSUE_TITLE}" "${HEAD_REF}"\n'
        "        env:\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n"
        "          HEAD_REF: ${{ github.head_ref }}\n",
    ),
    (  # a single-quoted string that is only the expression; another inside a longer single-quoted string
        "      - name: N\n        run: |\n          MSG='${{ github.event.issue.body }}'\n"
        "          echo 'on ${{ github.event.pull_request.head.ref }} today'\n",
        "      - name: N\n        env:\n          ISSUE_BODY: ${{ github.event.issue.body }}\n"
        "          HEAD_REF: ${{ github.event.pull_request.head.ref }}\n        run: |\n"
        "          MSG=\"${ISSUE_BODY}\"\n          echo 'on '\"${HEAD_REF}\"' today'\n",
    ),
    (  # an existing env block gets the new entry; trusted expressions stay
        "      - name: E\n        env:\n          TOKEN: ${{ secrets.T }}\n        run: |\n"
        '          echo "${{ github.event.comment.body }}" ${{ matrix.os }}\n',
        "      - name: E\n        env:\n          TOKEN: ${{ secrets.T }}\n"
        "          COMMENT_BODY: ${{ github.event.comment.body }}\n"
        '        run: |\n          echo "${COMMENT_BODY}" ${{ matrix.os }}\n',
    ),
]


@pytest.mark.parametrize(("step", "expected"), CASES)
def test_event_data_moves_to_env(step, expected):
    sf = new_file(HEAD + step, PATH)
    needle = next(line for line in step.splitlines() if "${{ github." in line).strip()
    assert fixed_text(sf, finding_at(sf, needle, "workflow-injection")) == HEAD + expected


@pytest.mark.parametrize(
    "step",
    [
        '      - run: "echo ${{ github.event.issue.title }}"\n',  # a YAML-quoted script
        "      - run: >\n          echo ${{ github.event.issue.title }}\n",  # a folded script
        "      - run: |\n          cat <<EOF\n"  # a heredoc
        "          ${{ github.event.issue.title }}\n          EOF\n",
        "      - shell: pwsh\n        run: echo ${{ github.event.issue.title }}\n",  # another shell
        "      - env: {A: b}\n        run: echo ${{ github.event.issue.title }}\n",  # flow-style env
        "      - run: echo ${{ matrix.os }}\n",  # nothing from the event
    ],
)
def test_what_it_cannot_quote_stays_advice(step):
    sf = new_file(HEAD + step, PATH)
    needle = next(line for line in step.splitlines() if "${{" in line).strip()
    assert fixed_text(sf, finding_at(sf, needle, "workflow-injection")) is None


def test_the_fixes_pass_verification(tmp_path):
    pairs = []
    for n, (step, _) in enumerate(CASES):
        sf = new_file(HEAD + step, f"c{n}/{PATH}")
        needle = next(line for line in step.splitlines() if "${{ github." in line).strip()
        pairs.append((sf, finding_at(sf, needle, "workflow-injection")))
    verdicts = verify_all(pairs, tmp_path)
    assert [v.reason for v in verdicts] == [""] * len(CASES)
