"""The language at run time: variables and scopes, operators, control flow, functions,
the ``:`` commands, and how errors stop a script."""

from __future__ import annotations

import contextlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.vm.sim.script.conftest import ModelConsole
from tikjobs.vm.exceptions import Interrupted, InvalidValue, RouterOSError, ScriptError
from tikjobs.vm.sim.command import Command
from tikjobs.vm.sim.model import RouterModel
from tikjobs.vm.sim.script import interpreter, run_script


@pytest.fixture(scope="module")
def shared_console() -> ModelConsole:
    """One console for many examples; the scripts here only compute and write."""
    return ModelConsole(RouterModel())


def addresses(console: ModelConsole) -> list[str]:
    rows = console.model.execute(Command(("ip", "address"), "print")).rows
    return [row["address"] for row in rows]


# -- output and variables -------------------------------------------------------------


def test_put_writes_each_value_on_its_own_line(console: ModelConsole) -> None:
    assert console.run(':put "a"; :put 42; :put; :put {1;2;3}') == "a\n42\n\n1;2;3\n"


def test_locals_live_in_their_block(console: ModelConsole) -> None:
    source = """
:local outer 1
{
    :local inner 2
    :set outer ($outer + $inner)
    :put "inside $outer $inner"
}
:put "outside $outer [$inner]"
"""
    assert console.run(source) == "inside 3 2\noutside 3 []\n"


def test_globals_outlive_the_run_in_the_console(console: ModelConsole) -> None:
    console.run(":global counter 41")
    assert console.run(":global counter\n:set counter ($counter + 1)\n:put $counter") == "42\n"
    assert console.globals["counter"] == 42


def test_a_global_is_not_seen_without_its_declaration(console: ModelConsole) -> None:
    console.run(":global secret 7")
    assert console.run(":put [:typeof $secret]") == "nothing\n"


def test_variable_names_with_other_characters_are_quoted(console: ModelConsole) -> None:
    assert console.run(':local "my-var" 5\n:put ($"my-var" * 2)') == "10\n"


def test_arrays_keep_keys_sorted_and_copy_on_assignment(console: ModelConsole) -> None:
    source = """
:local a {zeta=1;alpha=2}
:local b $a
:set ($b->"alpha") 20
:put $a
:put $b
:put ($b->"alpha")
:put [:len $a]
"""
    assert console.run(source) == "alpha=2;zeta=1\nalpha=20;zeta=1\n20\n2\n"


# -- operators ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "printed"),
    [
        ("7 / 2", "3"),
        ("-7 / 2", "-3"),
        ("-7 % 3", "-1"),
        ('"net" . 5', "net5"),
        ("1 < 2 && 2 < 3", "true"),
        ("1 > 2 || !true", "false"),
        ("not (1 = 1)", "false"),
        ("10.0.0.5 in 10.0.0.0/24", "true"),
        ("10.1.0.5 in 10.0.0.0/24", "false"),
        ("10.0.0.1 + 5", "10.0.0.6"),
        ("192.168.1.77 & 255.255.255.0", "192.168.1.0"),
        ("1m + 30s", "00:01:30"),
        ("1h * 2", "02:00:00"),
        ('"router-7" ~ "^router-[[:digit:]]+\\$"', "true"),
        ("6 & 3", "2"),
        ("6 | 3", "7"),
        ("6 ^ 3", "5"),
        ("1 << 4", "16"),
        ("{1;2} , 3", "1;2;3"),
        ("9223372036854775807 + 1", "-9223372036854775808"),
        ('"5" = 5', "true"),
        ("0x1F", "31"),
    ],
)
def test_operators(shared_console: ModelConsole, expression: str, printed: str) -> None:
    assert shared_console.run(f":put ({expression})") == printed + "\n"


def _truncating(a: int, b: int) -> int:
    quotient = abs(a) // abs(b)
    return quotient if (a < 0) == (b < 0) else -quotient


def _reference(numbers: list[int], ops: list[str]) -> int:
    """``a op b op c ...`` with ``* / %`` binding tighter than ``+ -``, left to right."""
    terms = [numbers[0]]
    pending: list[str] = []
    for op, number in zip(ops, numbers[1:], strict=True):
        if op in "*/%":
            left = terms.pop()
            if op == "*":
                terms.append(left * number)
            elif op == "/":
                terms.append(_truncating(left, number))
            else:
                terms.append(left - _truncating(left, number) * number)
        else:
            pending.append(op)
            terms.append(number)
    total = terms[0]
    for op, term in zip(pending, terms[1:], strict=True):
        total = total + term if op == "+" else total - term
    return total


@given(
    st.lists(st.integers(-999, 999), min_size=1, max_size=6).flatmap(
        lambda numbers: st.tuples(
            st.just(numbers),
            st.lists(
                st.sampled_from(["+", "-", "*", "/", "%"]),
                min_size=len(numbers) - 1,
                max_size=len(numbers) - 1,
            ),
        )
    )
)
def test_arithmetic_matches_a_reference(
    shared_console: ModelConsole, case: tuple[list[int], list[str]]
) -> None:
    numbers, ops = case
    expression = str(numbers[0]) + "".join(
        f" {op} {number}" for op, number in zip(ops, numbers[1:], strict=True)
    )
    try:
        expected = str(_reference(numbers, ops)) + "\n"
    except ZeroDivisionError:
        with pytest.raises(ScriptError, match="division by zero"):
            run_script(f":put ({expression})", shared_console)
    else:
        assert run_script(f":put ({expression})", shared_console) == expected


@given(st.integers(-(2**40), 2**40), st.integers(-(2**40), 2**40))
def test_comparisons_match_python(shared_console: ModelConsole, a: int, b: int) -> None:
    source = f":put (({a} < {b}) . ({a} = {b}) . ({a} >= {b}) . ({a} != {b}))"
    expected = "".join(str(v).lower() for v in (a < b, a == b, a >= b, a != b))
    assert run_script(source, shared_console) == expected + "\n"


# -- control flow -----------------------------------------------------------------------


def test_if_else(console: ModelConsole) -> None:
    source = """
:local n 5
:if ($n > 3) do={ :put "big" } else={ :put "small" }
:if ($n > 9) do={
    :put "huge"
} else={
    :put "not huge"
}
:if (false) do={ :put "never" }
"""
    assert console.run(source) == "big\nnot huge\n"


def test_loops(console: ModelConsole) -> None:
    source = """
:for i from=1 to=3 do={ :put "for $i" }
:for i from=10 to=0 step=-5 do={ :put "down $i" }
:for i from=3 to=1 do={ :put "auto $i" }
:local n 0
:while ($n < 2) do={ :set n ($n + 1); :put "while $n" }
:do { :set n ($n - 1); :put "do $n" } while=($n > 0)
:foreach x in={"a";"b"} do={ :put "each $x" }
:foreach k,v in={b=2;a=1} do={ :put "$k=$v" }
:foreach x in=[:nothing] do={ :put "none" }
"""
    assert console.run(source) == (
        "for 1\nfor 2\nfor 3\ndown 10\ndown 5\ndown 0\nauto 3\nauto 2\nauto 1\n"
        "while 1\nwhile 2\ndo 1\ndo 0\neach a\neach b\na=1\nb=2\n"
    )


def test_functions_take_numbered_and_named_arguments(console: ModelConsole) -> None:
    source = """
:local add do={ :return ($1 + $2) }
:local greet do={ :return "hello $name" }
:put [$add 2 3]
:put [$greet name=world]
:global fact do={
    :global fact
    :if ($1 <= 1) do={ :return 1 }
    :return ($1 * [$fact ($1 - 1)])
}
:put [$fact 10]
"""
    assert console.run(source) == "5\nhello world\n3628800\n"


def test_a_function_sees_only_its_arguments_and_declared_globals(console: ModelConsole) -> None:
    source = ':local hidden "x"\n:local f do={ :return [:typeof $hidden] }\n:put [$f]'
    assert console.run(source) == "nothing\n"


def test_runaway_recursion_is_an_error_not_a_crash(console: ModelConsole) -> None:
    with pytest.raises(ScriptError, match="call depth exceeded"):
        console.run(":global f do={ :global f; :return [$f] }\n:put [$f]")


def test_return_ends_the_script(console: ModelConsole) -> None:
    assert console.run(":put 1\n:return 5\n:put 2") == "1\n"


# -- the : commands -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "printed"),
    [
        (':len "hello"', "5"),
        (":len {1;2;3}", "3"),
        (':pick "hello" 1 3', "el"),
        (':pick "hello" 1', "e"),
        (":pick {10;20;30} 1", "20"),
        (":pick {10;20;30} 1 3", "20;30"),
        (':find "abcabc" "c"', "2"),
        (':find "abcabc" "c" 2', "5"),
        (':find {"x";"y"} "y"', "1"),
        (':tonum "42"', "42"),
        (':typeof [:tonum "x"]', "nil"),
        (":tostr 1.2.3.4", "1.2.3.4"),
        (':toarray "a,b,c"', "a;b;c"),
        (':len [:toarray "a,b,c"]', "3"),
        (':tobool "yes"', "true"),
        (':toip "10.1.2.3"', "10.1.2.3"),
        (":totime 90", "00:01:30"),
        (':toid "*A"', "*A"),
    ],
)
def test_functions(shared_console: ModelConsole, command: str, printed: str) -> None:
    assert shared_console.run(f":put [{command}]") == printed + "\n"


def test_delay_sleeps_on_the_console(console: ModelConsole) -> None:
    console.run(":delay 1s\n:delay 500ms\n:delay 00:00:02\n:delay 3")
    assert console.delays == [1.0, 0.5, 2.0, 3.0]


def test_log_lands_in_the_device_log(console: ModelConsole) -> None:
    console.run(':log info "job started"\n:log warning ("disk " . 90 . "%")')
    rows = console.model.execute(Command(("log",), "print")).rows
    logged = [(row["topics"], row["message"]) for row in rows[-2:]]
    assert logged == [("script,info", "job started"), ("script,warning", "disk 90%")]


def test_parse_makes_code_from_text(console: ModelConsole) -> None:
    assert console.run(':local f [:parse ":put \\"parsed\\""]\n$f') == "parsed\n"


# -- errors -----------------------------------------------------------------------------


def test_a_syntax_error_anywhere_runs_nothing(console: ModelConsole) -> None:
    before = addresses(console)
    with pytest.raises(ScriptError, match=r"^syntax error \(line 3 column 10\)$"):
        console.run("/ip address add address=10.5.0.1/24 interface=ether2\n:put 1\n:put (2 +)")
    assert addresses(console) == before


def test_error_stops_the_script_with_its_message(console: ModelConsole) -> None:
    run = interpreter(console)
    with pytest.raises(ScriptError) as caught:
        run.run(':put "before"\n:error "disk full"\n:put "after"')
    assert caught.value.message == "disk full"
    assert "".join(run.output) == "before\n"


def test_a_failing_command_stops_the_script_with_its_own_error(console: ModelConsole) -> None:
    source = """
/ip address add address=10.6.0.1/24 interface=ether2
/ip address add address=10.6.0.2/24 interface=ether99
/ip address add address=10.7.0.1/24 interface=ether2
"""
    with pytest.raises(InvalidValue, match=r"^input does not match any value of interface$"):
        console.run(source)
    assert "10.6.0.1/24" in addresses(console)
    assert "10.7.0.1/24" not in addresses(console)


def test_on_error_catches_and_the_script_goes_on(console: ModelConsole) -> None:
    source = """
:do {
    /ip address add address=10.9.0.2/24 interface=ether99
    :put "not reached"
} on-error={ :put "command error caught" }
:do { :error "mine" } on-error={ :put "error caught" }
:onerror e in={ :error "named" } do={ :put "got $e" }
:put "done"
"""
    assert console.run(source) == "command error caught\nerror caught\ngot named\ndone\n"


def test_runtime_errors_carry_the_place_of_the_failing_command(console: ModelConsole) -> None:
    with pytest.raises(ScriptError) as caught:
        console.run(":put 1\n:put (10 / (2 - 2))")
    assert caught.value.message == "division by zero (line 2 column 10)"
    assert (caught.value.line, caught.value.column) == (2, 10)


def test_an_unknown_menu_is_a_bad_command_name_where_it_is_written(
    console: ModelConsole,
) -> None:
    with pytest.raises(ScriptError) as caught:
        console.run(":put 1\n/ip adress print")
    assert caught.value.message == "bad command name adress (line 2 column 5)"


def test_an_unknown_command_anywhere_stops_the_script_before_it_runs(
    console: ModelConsole,
) -> None:
    with pytest.raises(ScriptError) as caught:
        console.run(
            ':log info "before"\n/ip address add address=10.8.0.1/24 interface=ether2\n/foo bar'
        )
    assert caught.value.message == "bad command name foo (line 3 column 2)"
    assert console.commands == []
    assert "10.8.0.1/24" not in addresses(console)


def test_a_failing_script_has_written_its_output_before_the_error(
    console: ModelConsole,
) -> None:
    written: list[str] = []
    with pytest.raises(ScriptError) as caught:
        run_script(':put "a"; :put [:len "abc"]; :error "x"; :put "never"', console, written.append)
    assert caught.value.message == "x"
    assert written == ["a\n", "3\n"]


class StoppingConsole(ModelConsole):
    """A console whose run was cancelled: waiting raises `Interrupted`, as the
    device's does after ``/cancel`` or a reboot."""

    def sleep(self, seconds: float) -> None:
        raise Interrupted()


def test_on_error_does_not_catch_an_interruption(model: RouterModel) -> None:
    console = StoppingConsole(model)
    with pytest.raises(Interrupted):
        console.run(':do { :delay 10s } on-error={ :put "caught" }')


def test_a_busy_loop_can_be_stopped(model: RouterModel) -> None:
    console = StoppingConsole(model)
    with pytest.raises(Interrupted):
        console.run(":local n 0\n:while (true) do={ :set n ($n + 1) }")


@pytest.mark.parametrize(
    "source",
    [
        ":put " + "(" * 500 + "1" + ")" * 500,
        ":put " + "[" * 500,
        "{" * 500,
        ":put (" + "-" * 500 + "1)",
        "/ip address print where " + "!" * 500 + "disabled",
    ],
)
def test_deep_nesting_is_a_syntax_error_not_a_crash(
    shared_console: ModelConsole, source: str
) -> None:
    with pytest.raises(ScriptError, match=r"^syntax error \(line 1 column \d+\)$"):
        shared_console.run(source)


def test_long_operator_chains_run(shared_console: ModelConsole) -> None:
    assert shared_console.run(":put (" + "1 + " * 5000 + "1)") == "5001\n"


SCRIPT_WORDS = st.sampled_from(
    [":put", ":local", ":set", ":global", ":if", "do=", "else=", ":foreach", "in=", ":do",
     "on-error=", "/ip address", "add", "print", "find", "where", "get", "remove", "$x", "x",
     "1", "10.0.0.1/24", "{", "}", "[", "]", "(", ")", ";", "\n", " ", '"', "=", "->", "and",
     "not", ":pick", ":len", ":return", ":error", ":typeof", "..", "\\\n", "#", "as-value",
     "count-only", ":parse", "*1", "-", "+", "/", "."]
)  # fmt: skip


@given(
    st.lists(SCRIPT_WORDS, max_size=20).map(" ".join)
    | st.lists(SCRIPT_WORDS, max_size=20).map("".join)
    | st.text(alphabet=' \n;:/$"\\[](){}=.,-+*<>!~&|^#01aefxyput', max_size=40)
)
def test_any_text_runs_or_fails_with_a_routeros_error(source: str) -> None:
    """No text makes the interpreter crash with anything but the device's own errors."""
    with contextlib.suppress(RouterOSError):
        ModelConsole(RouterModel()).run(source)


# -- forms real-world scripts use ----------------------------------------------------------


def test_onerror_with_an_unnamed_body(console: ModelConsole) -> None:
    source = """
:onerror Err {
    :error "went wrong"
} do={
    :put "handled: $Err"
}
:put [:onerror E { :put "fine" } do={ :put "never" }]
"""
    assert console.run(source) == "handled: went wrong\nfine\nfalse\n"


def test_retry_runs_the_body_until_it_succeeds(console: ModelConsole) -> None:
    source = """
:global tries 0
:retry {
    :global tries
    :set tries ($tries + 1)
    :if ($tries < 3) do={ :error "not yet" }
} delay=200ms max=5
:put $tries
:retry { :error "never" } delay=1s max=2 on-error={ :put "gave up" }
"""
    assert console.run(source) == "3\ngave up\n"
    assert console.delays == [0.2, 0.2, 1.0]


def test_set_may_name_its_variable_with_a_dollar(console: ModelConsole) -> None:
    assert console.run(':local r "a"\n:set $r ($r . "b")\n:put $r') == "ab\n"


def test_a_missing_number_adds_as_nothing(console: ModelConsole) -> None:
    assert console.run(":put (0 + [:tonum $1])\n:put (5 + [:nothing])") == "0\n5\n"


def test_a_function_in_an_array_is_called_with_arguments(console: ModelConsole) -> None:
    source = """
:local fns ({})
:set ($fns->"double") do={ :return ($1 * 2) }
($fns->"double") 21
:put [($fns->"double") 21]
:local named do={ :return $0 }
:put [$named]
"""
    assert console.run(source) == "42\nnamed\n"


def test_a_block_on_a_menu_runs_its_commands_there(console: ModelConsole) -> None:
    output = console.run(
        '/system/script {\n    add name=one source=":put 1"\n    add name=two source=":put 2"\n'
        "    :put [:len [find]]\n}"
    )
    assert output == "2\n"


@pytest.mark.parametrize(
    ("command", "printed"),
    [
        (':convert to=hex "AB"', "4142"),
        (':convert from=hex to=raw "4142"', "AB"),
        (':convert to=base64 "user:pass"', "dXNlcjpwYXNz"),
        (':convert from=base64 "dXNlcjpwYXNz"', "user:pass"),
        (':convert to=url "a b/c"', "a%20b%2Fc"),
        (':convert transform=md5 to=hex "abc"', "900150983cd24fb0d6963f7d28e17f72"),
        (':convert transform=uc "shout"', "SHOUT"),
        (':convert to=byte-array "AB"', "65;66"),
        (':serialize to=json {a=1;b={true;"x"}}', '{"a":1,"b":[true,"x"]}'),
        (':tolf "a\\r\\nb"', "a\nb"),
        (':len [:tocrlf "a\\nb"]', "4"),
        (":tonsec 1ms", "1000000"),
        (":typeof [:timestamp]", "time"),
        (':len [:rndstr length=12 from="ab"]', "12"),
    ],
)
def test_conversions(shared_console: ModelConsole, command: str, printed: str) -> None:
    assert shared_console.run(f":put [{command}]") == printed + "\n"


def test_deserialize_reads_json_into_arrays(console: ModelConsole) -> None:
    source = """
:local data [:deserialize from=json "{\\"name\\":\\"r1\\",\\"ports\\":[1,2,3],\\"up\\":true}"]
:put ($data->"name")
:put [:len ($data->"ports")]
:put [:typeof ($data->"up")]
"""
    assert console.run(source) == "r1\n3\nbool\n"


def test_resolve_without_dns_fails_clearly(console: ModelConsole) -> None:
    assert console.run(":put [:resolve 10.1.2.3]") == "10.1.2.3\n"
    with pytest.raises(RouterOSError, match=r"^failure: dns name does not exist$"):
        console.run(":put [:resolve example.invalid]")


def test_an_export_wrapped_right_after_the_equals_sign_reads_as_one_line(
    console: ModelConsole,
) -> None:
    console.run(
        "/ip address\nadd address=10.9.0.1/24 comment=\\\n    uplink interface=\\\n    ether1"
    )
    rows = console.model.execute(Command(("ip", "address"), "print")).rows
    assert [
        (row["address"], row.get("comment")) for row in rows if row["address"].startswith("10.9.")
    ] == [("10.9.0.1/24", "uplink")]


def test_braces_given_to_a_menu_command_are_its_code(console: ModelConsole) -> None:
    output = console.run(
        '/system script add name=greet source={ :put "hello from $[:typeof 1]" }\n'
        ":local run [:parse [/system script get greet source]]\n"
        "$run\n"
        ":put [/system script get greet source]"
    )
    assert output == 'hello from num\n :put "hello from $[:typeof 1]" \n'


def test_any_tells_whether_a_value_is_there(console: ModelConsole) -> None:
    source = ":local a\n:put (any $a)\n:set a 0\n:put (any $a)\n:put (!any ($b->1))"
    assert console.run(source) == "false\ntrue\ntrue\n"


def test_blanks_after_a_joining_backslash_in_a_string_are_dropped(console: ModelConsole) -> None:
    assert console.run(':put "one,\\ \t\n    two"') == "one,two\n"


def test_an_array_key_wrapped_after_its_equals_sign(console: ModelConsole) -> None:
    assert console.run(':local m {"ether1"=\\\n    "wan"; b=2}\n:put ($m->"ether1")') == "wan\n"


def test_break_and_continue_steer_the_innermost_loop(console: ModelConsole) -> None:
    source = """
:for i from=1 to=10 do={
    :if ($i = 2) do={ :continue }
    :foreach w in={"a";"b";"c"} do={
        :if ($w = "b") do={ :break }
        :put "$i$w"
    }
    :if ($i = 3) do={ :break }
}
:local n 0
:while (true) do={ :set n ($n + 1); :if ($n > 4) do={ :break } }
:put $n
:do { :set n ($n - 1); :if ($n = 3) do={ :continue }; :put "n=$n" } while=($n > 1)
"""
    assert console.run(source) == "1a\n3a\n5\nn=4\nn=2\nn=1\n"


def test_exit_ends_the_script_from_inside_a_function(console: ModelConsole) -> None:
    source = ':local stop do={ :put "stopping"; :exit }\n$stop\n:put "never"'
    assert console.run(source) == "stopping\n"


def test_time_answers_how_long_a_body_ran(console: ModelConsole) -> None:
    assert console.run(':put [:typeof [:time { :put "timed" }]]') == "timed\ntime\n"


def test_grep_keeps_matching_lines_of_what_a_body_writes(console: ModelConsole) -> None:
    source = """
:grep pattern="^b" script={ :put "apple"; :put "banana"; :put "berry"; :put "cherry" }
:put [:len [:grep pattern="rr" as-array script={ :put "berry"; :put "cherry"; :put "fig" }]]
:grep pattern="fig" before=1 script={ :put "berry"; :put "cherry"; :put "fig" }
"""
    assert console.run(source) == "banana\nberry\n2\ncherry\nfig\n"


@pytest.mark.parametrize("name", ["lock", "range from=1 to=3", "password", "quit"])
def test_console_commands_the_simulator_lacks_fail_loudly(console: ModelConsole, name: str) -> None:
    word = name.split()[0]
    with pytest.raises(ScriptError, match=rf"^:{word} is not simulated \(line 1 column 1\)$"):
        console.run(f":{name}")


def test_a_bare_word_after_the_arguments_is_a_flag(console: ModelConsole) -> None:
    console.run("/routing table add fib name=wg")
    rows = console.model.execute(Command(("routing", "table"), "print")).rows
    assert [(row["name"], row.get("fib")) for row in rows] == [("wg", "")]
    with pytest.raises(ScriptError, match=r"^expected end of command \(line 1 column \d+\)$"):
        console.run("/ip address add nonsense address=10.0.0.9/24 interface=ether1")
    with pytest.raises(ScriptError, match=r"^expected end of command"):
        console.run("/ip address add 10.0.0.9/24 interface=ether1")


def test_onerror_may_name_its_variable_with_error(console: ModelConsole) -> None:
    source = ':onerror error=why in={ :error "bad input" } do={ :put "caught: $why" }'
    assert console.run(source) == "caught: bad input\n"


@pytest.mark.parametrize(
    ("command", "printed"),
    [
        (':convert transform=reverse "abc"', "cba"),
        (':convert transform=rot13 "abc"', "nop"),
        (':convert transform=sha512 to=hex ""', "cf83e1357eefb8bdf1542850d66d8007"[:32]),
        (':serialize to=json {"5";"x";1.2.3.4}', '[5,"x","1.2.3.4"]'),
        (':serialize to=json options=json.no-string-conversion {"5";"x"}', '["5","x"]'),
        (':typeof ([:deserialize from=json "[\\"10.0.0.1\\"]"]->0)', "ip"),
        (':typeof ([:deserialize from=json "{\\"n\\":\\"5\\"}"]->"n")', "num"),
        (
            ':typeof ([:deserialize from=json options=json.no-string-conversion "[\\"5\\"]"]->0)',
            "str",
        ),
    ],
)
def test_convert_and_json_as_routeros_offers_them(
    shared_console: ModelConsole, command: str, printed: str
) -> None:
    output = shared_console.run(f":put [{command}]")
    assert output.startswith(printed)


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (':convert from=rot13 "abc"', "invalid value for argument from"),
        (":convert to=num 5", ":convert to=num is not simulated"),
        (':serialize to=dsv {"a"}', "dsv is not simulated"),
        (':serialize to=yaml {"a"}', "invalid value for argument to"),
        (':deserialize from=json options=json.bogus "[]"', "invalid value for argument options"),
    ],
)
def test_convert_and_json_refuse_what_routeros_or_the_simulator_lacks(
    shared_console: ModelConsole, command: str, message: str
) -> None:
    with pytest.raises(ScriptError, match=rf"^{re.escape(message)} \(line 1 column 7\)$"):
        shared_console.run(f":put [{command}]")


def test_setting_a_nested_key_creates_the_arrays_on_the_way(console: ModelConsole) -> None:
    source = """
:local ports ({})
:set ($ports->"tcp"->"2222") "22"
:set ($ports->"tcp"->"8080") "80"
:local fresh
:set ($fresh->"a") 1
:put ($ports->"tcp"->"2222")
:put [:len ($ports->"tcp")]
:put $fresh
"""
    assert console.run(source) == "22\n2\na=1\n"
    with pytest.raises(ScriptError, match=r"^expected array"):
        console.run(':local s "text"\n:set ($s->"a") 1')


def test_a_code_argument_may_be_written_without_its_equals_sign(console: ModelConsole) -> None:
    # RouterOS 7.22 reads `} else {` as `else={` (its :parse output shows else=).
    source = """
:foreach v in={1;"x"} do={
    :if ([:typeof $v] = "num") do={ :put "number $v" } else { :put "other $v" }
}
:do { :error "no" } on-error { :put "caught" }
"""
    assert console.run(source) == "number 1\nother x\ncaught\n"
    with pytest.raises(ScriptError, match=r"^expected end of command"):
        console.run(':if (true) then { :put "b" }')


def test_named_arguments_written_as_routeros_also_reads_them(console: ModelConsole) -> None:
    # RouterOS 7.22's :parse reads these as in=, while=, from=/to= and key=value.
    source = """
:local states {0= "idle"; 3= "up"}
:foreach s in $states do { :put $s }
:local i 0
:do { :set i ($i + 1) } while ($i < 3)
:for n from 1 to 2 do { :put "n$n" }
:put $i
"""
    assert console.run(source) == "idle\nup\nn1\nn2\n3\n"
    console.run("/ip address add address= 10.7.0.1/24 comment= lab interface=ether1")
    rows = console.model.execute(Command(("ip", "address"), "print")).rows
    assert ("10.7.0.1/24", "lab") in [(row["address"], row.get("comment")) for row in rows]
