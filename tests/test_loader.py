"""The example loader in-process: what it accepts at each documented limit, what it refuses just
beyond, the defaults the README states, and the whole sentence each mistake gets. Expected
values come from the README and from the files as tomllib reads them, not from the loader."""
from __future__ import annotations

import copy
import datetime
import os
import tomllib
from pathlib import Path

import numpy as np
import pytest

from generator import slugs
from generator.example import ExampleError, load, page_name, parse

ROOT = Path(__file__).resolve().parent.parent
BAD = sorted((ROOT / "tests" / "bad_examples").glob("*.toml"))
# The whole sentence, for the bad examples whose "# expect:" line gives only its start.
WHOLE = {
    "too-deep.toml": "network.sizes: expected at most 6 layers so the pages stay readable, got 8",
    "too-wide.toml": "network.sizes: expected at most 12 neurons per layer so the graph stays drawable, "
                     "got 100000000 at position 2",
    "bce-output.toml": "network.activation: expected sigmoid in the output layer for the bce loss, "
                       "whose outputs must lie between 0 and 1, got 'tanh'",
    "unknown-parameter.toml": "parameters.W3: unknown key; expected one of W1, W2, b1, b2",
    "samples-unknown-key.toml": "samples[1].target: unknown key; expected one of x, y",
    "empty.toml": "is empty; an example needs at least [network], [sample] and title",
    "not-text.toml": "is not UTF-8 text",
}
SMALL = {"title": "t", "network": {"sizes": [2, 1]}, "sample": {"x": [0.5, 0.3], "y": [0.8]},
         "parameters": {"W1": [[0.2, 0.5]], "b1": [0.1]}}


def with_(changes: dict) -> dict:
    """The small example with some keys replaced ("table.key": value; None removes the key)."""
    data = copy.deepcopy(SMALL)
    for dotted, value in changes.items():
        *tables, key = dotted.split(".")
        table = data
        for name in tables:
            table = table.setdefault(name, {})
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value
    return data


def refused(data: dict) -> str:
    with pytest.raises(ExampleError) as e:
        parse(data, Path("ex.toml"))
    return str(e.value)


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_every_bad_example_gets_its_sentence(path, monkeypatch):
    monkeypatch.chdir(ROOT)
    typed = path.relative_to(ROOT).as_posix()
    with pytest.raises(ExampleError) as e:
        load(typed)
    said = str(e.value)
    if path.name in WHOLE:
        assert said == f"{typed}: {WHOLE[path.name]}"
    else:
        expected = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect: ")
        assert said.startswith(f"{typed}: ") and expected in said, said
    key = said.removeprefix(f"{typed}: ").split(": ")[0]
    assert e.value.key == (key if path.name not in ("empty.toml", "not-text.toml", "toml-syntax.toml") else None)


def test_an_unreadable_file_is_named_with_the_reason(tmp_path):
    with pytest.raises(ExampleError) as e:
        load(tmp_path / "absent.toml")
    assert str(e.value) == f"{tmp_path / 'absent.toml'}: cannot be read (no such file or directory)"


def test_a_path_is_shown_as_typed_relative_to_the_current_folder(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "e.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExampleError) as e:
        load(os.path.abspath("sub/e.toml"))
    assert str(e.value).startswith("sub/e.toml: is empty")


def test_every_limit_is_accepted_at_the_limit():
    ex = parse(with_({"network.sizes": [12, 12, 12, 12, 12, 1], "sample.x": [1e6] + [-1e6] * 11, "sample.y": [1],
                      "parameters": None, "init.seed": 0, "training.learning_rate": 1e6,
                      "training.steps": 100_000, "display.significant_digits": 12}), "ex.toml")
    assert ex.network.sizes == [12, 12, 12, 12, 12, 1] and ex.network.depth == 5
    assert ex.x[0] == 1e6 and ex.x[1] == -1e6
    assert (ex.learning_rate, ex.steps, ex.significant_digits, ex.drawn_from_seed) == (1e6, 100_000, 12, 0)
    low = parse(with_({"network.sizes": [1, 1], "sample.x": [0.5], "parameters": None, "init.seed": 3,
                       "training.steps": 1, "display.significant_digits": 1,
                       "training.learning_rate": 5e-324}), "ex.toml")
    assert (low.steps, low.significant_digits, low.learning_rate) == (1, 1, 5e-324)
    eight = parse(with_({"sample": None, "samples": [{"x": [i, 1], "y": [0.5]} for i in range(8)]}), "ex.toml")
    assert len(eight.samples) == 8 and eight.samples[7][0].tolist() == [7.0, 1.0]


@pytest.mark.parametrize("changes, says", [
    ({"network.sizes": [2, 13, 1]}, "network.sizes: expected at most 12 neurons per layer so the graph "
                                    "stays drawable, got 13 at position 2"),
    ({"network.sizes": [2, 1, 1, 1, 1, 1, 1]}, "network.sizes: expected at most 6 layers so the pages stay "
                                               "readable, got 7"),
    ({"network.sizes": [2]}, "network.sizes: expected at least 2 layers (input and output), got 1"),
    ({"network.sizes": []}, "network.sizes: expected a list of whole numbers such as [2, 2, 1], got a list"),
    ({"network.sizes": [2, True]}, "network.sizes: expected whole numbers, got a boolean at position 2"),
    ({"training.steps": 0}, "training.steps: expected at least 1, got 0"),
    ({"training.steps": 100_001}, "training.steps: expected at most 100000, got 100001"),
    ({"training.steps": 2.0}, "training.steps: expected a whole number, got the number 2.0"),
    ({"training.learning_rate": 0}, "training.learning_rate: expected a number above 0, got 0"),
    ({"training.learning_rate": 1000000.5}, "training.learning_rate: expected at most 1,000,000, got 1e+06"),
    ({"training.learning_rate": "fast"}, "training.learning_rate: expected a number, got the string 'fast'"),
    ({"training.learning_rate": float("nan")}, "training.learning_rate: expected a finite number, got nan"),
    ({"display.significant_digits": 0}, "display.significant_digits: expected at least 1, got 0"),
    ({"display.significant_digits": 13}, "display.significant_digits: expected at most 12, got 13"),
    ({"sample.x": [1000000.5, 0]}, "sample.x: expected numbers between -1,000,000 and 1,000,000, got 1e+06 "
                                   "at position 1"),
    ({"sample.x": [0, -1000001]}, "sample.x: expected numbers between -1,000,000 and 1,000,000, got -1e+06 "
                                  "at position 2"),
    ({"sample.x": [0.5, False]}, "sample.x: expected numbers, got a boolean at position 2"),
    ({"sample.x": 0.5}, "sample.x: expected a list of 2 numbers, got the number 0.5"),
    ({"sample.x": {"a": 1}}, "sample.x: expected a list of 2 numbers, got a table"),
    ({"sample.y": [0.5, 0.5]}, "sample.y: expected 1 number (shape [1]), got 2"),
    ({"sample": None, "samples": [{"x": [0, 0], "y": [0]}] * 9},
     "samples: expected 1 to 8 samples so the matrices fit the page, got 9"),
    ({"sample": None, "samples": {"x": [0, 0]}}, "samples: expected [[samples]] tables, each with x and y, "
                                                 "got a table"),
    ({"parameters.W1": [[0.2], [0.5]]}, "parameters.W1: expected shape [1, 2], got [2, 1]"),
    ({"parameters.W1": [[0.2, 0.5, 1]]}, "parameters.W1: expected shape [1, 2], got [1, 3]"),
    ({"parameters.W1": [0.2, 0.5]}, "parameters.W1: expected a list of 1 rows (shape [1, 2]), got a list"),
    ({"network.sizes": [2, 2, 1], "parameters.W1": [[1, 2], [3]], "parameters.W2": [[1, 2]],
      "parameters.b1": [0, 0]}, "parameters.W1: expected shape [2, 2], got 2 rows of lengths 2, 1"),
    ({"parameters.b1": None}, "parameters.b1: missing"),
    ({"init.seed": 1}, "init: expected either [parameters] or [init], not both"),
    ({"parameters": None, "init.seed": -1}, "init.seed: expected at least 0, got -1"),
    ({"parameters": None, "init": None}, "init: missing; give [parameters] or [init] with a seed"),
    ({"network.activation": ["relu", "tanh"]}, "network.activation: expected one activation per layer after "
                                               "the input (1), got 2"),
    ({"network.activation": 3}, "network.activation: expected one of sigmoid, tanh, relu, identity, got 3"),
    ({"network.loss": "bce", "sample.y": [1.5]}, "sample.y: expected targets in [0, 1] for the bce loss"),
    ({"network.loss": "bce", "sample.y": [-0.5]}, "sample.y: expected targets in [0, 1] for the bce loss"),
    ({"title": 3}, "title: expected a string, got the whole number 3"),
    ({"title": " \t"}, "title: expected a non-empty string"),
    ({"description": ["a"]}, "description: expected a string, got a list"),
    ({"network": [2, 1]}, "network: expected a table [network], got a list"),
    ({"training": 0.5}, "training: expected a table [training], got the number 0.5"),
    ({"network.size": [2, 1]}, "network.size: unknown key; did you mean 'sizes'?"),
    ({"zzz": 1}, "zzz: unknown key; expected one of description, display, init, network, parameters, sample, "
                 "samples, title, training"),
    ({"network": None}, "network: missing"),
    ({"sample": None}, "sample: missing; give [sample] with x and y, or [[samples]]"),
    ({"sample": 3}, "sample: expected a table [sample], got the whole number 3"),
    ({"sample.z": 1}, "sample.z: unknown key; expected one of x, y"),
    ({"parameters": None, "init": "seed"}, "init: expected a table [init], got the string 'seed'"),
    ({"parameters": None, "init.seed": 1, "init.sed": 2}, "init.sed: unknown key; did you mean 'seed'?"),
    ({"display": 3}, "display: expected a table [display], got the whole number 3"),
    ({"display.digits": 3}, "display.digits: unknown key; expected one of significant_digits"),
    ({"network.loss": "bce", "sample": None, "samples": [{"x": [0, 0], "y": [1]}, {"x": [0, 0], "y": [1.5]}]},
     "samples[2].y: expected targets in [0, 1] for the bce loss"),
    # A TOML date is none of the kinds an example uses: the sentence names its Python type.
    ({"title": datetime.date(2026, 1, 2)}, "title: expected a string, got date"),
])
def test_just_beyond_a_limit_or_a_type_gets_its_sentence(changes, says):
    assert refused(with_(changes)) == f"ex.toml: {says}"


def test_a_single_number_stands_for_a_list_of_one():
    ex = parse(with_({"sample.y": 0.8, "parameters.b1": 7}), "ex.toml")
    assert ex.y.tolist() == [0.8] and ex.network.biases[0].tolist() == [7.0]


def test_what_the_readme_gives_as_defaults():
    ex = parse(SMALL, "ex.toml")
    assert (ex.learning_rate, ex.steps, ex.significant_digits) == (0.5, 200, 3)
    assert ex.network.activations == ["sigmoid"] and ex.network.loss == "mse"
    assert ex.description == "" and ex.drawn_from_seed is None


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.toml")), ids=lambda p: p.stem)
def test_every_example_reads_as_tomllib_reads_it(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    ex = load(path)
    assert ex.title == data["title"] and ex.description == data.get("description", "")
    assert ex.network.sizes == data["network"]["sizes"]
    depth = len(data["network"]["sizes"]) - 1
    activation = data["network"].get("activation", "sigmoid")
    assert ex.network.activations == (activation if isinstance(activation, list) else [activation] * depth)
    assert ex.network.loss == data["network"].get("loss", "mse")
    samples = data.get("samples") or [data["sample"]]
    assert [(x.tolist(), y.tolist()) for x, y in ex.samples] == [
        (s["x"], s["y"] if isinstance(s["y"], list) else [s["y"]]) for s in samples]
    assert ex.x.tolist() == ex.samples[0][0].tolist() and ex.y.tolist() == ex.samples[0][1].tolist()
    training, display = data.get("training", {}), data.get("display", {})
    assert ex.learning_rate == training.get("learning_rate", 0.5)
    assert ex.steps == training.get("steps", 200)
    assert ex.significant_digits == display.get("significant_digits", 3)
    if "parameters" in data:
        p = data["parameters"]
        assert [W.tolist() for W in ex.network.weights] == [p[f"W{l}"] for l in range(1, depth + 1)]
        assert [b.tolist() for b in ex.network.biases] == [p[f"b{l}"] for l in range(1, depth + 1)]
    assert ex.drawn_from_seed == data.get("init", {}).get("seed")
    assert ex.slug == path.stem and ex.path == path


@pytest.mark.parametrize("name, page", [("My Net (v2)!.toml", "my-net-v2"), ("Réseau à deux.toml", "reseau-a-deux"),
                                        ("seed.toml", "seed"), ("--A__b--.toml", "a-b"), ("(!).toml", "")])
def test_a_file_name_becomes_a_url_safe_page_name(name, page):
    assert page_name(Path("examples") / name) == page


@pytest.mark.parametrize("names, says", [
    (["a.toml", "(!).toml"], "(!).toml: has no letter or digit in its name to make a page name from; rename it"),
    (["index.toml"], "index.toml: would take the page examples/index.html from the Examples page; rename it"),
    (["My Net.toml", "x.toml", "my-net.toml"], "my-net.toml: would become the same page, examples/my-net.html, "
                                               "as My Net.toml; rename one of them"),
])
def test_a_page_name_clash_is_one_sentence(names, says, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExampleError) as e:
        slugs.check_page_names([Path(n) for n in names])
    assert str(e.value) == says
    slugs.check_page_names([Path(n) for n in names if n not in says.split(":")[0]])


def test_two_titles_alike_but_for_spaces_clash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = parse(with_({"title": "Same title"}), "alpha.toml")
    second = parse(with_({"title": " Same \t title "}), "beta.toml")
    other = parse(with_({"title": "Same titles"}), "gamma.toml")
    slugs.check_titles([first, other])
    with pytest.raises(ExampleError) as e:
        slugs.check_titles([first, other, second])
    assert str(e.value) == 'beta.toml: title: "Same title" is also the title of alpha.toml; give each example its own'


def test_the_bce_loss_takes_targets_from_0_to_1_inclusive():
    for y in (0, 0.5, 1):
        assert parse(with_({"network.loss": "bce", "sample.y": [y]}), "ex.toml").y.tolist() == [y]


def test_a_read_error_without_a_reason_is_named_as_python_says_it(tmp_path, monkeypatch):
    def fail(self):
        raise OSError("the disk said no")
    monkeypatch.setattr(Path, "read_bytes", fail)
    with pytest.raises(ExampleError) as e:
        load(tmp_path / "e.toml")
    assert str(e.value) == f"{tmp_path / 'e.toml'}: cannot be read (the disk said no)"
