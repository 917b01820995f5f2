"""Issue 22: lists of projects name each project's title, the realised ones too, and a
group from [[aandacht]] keeps the real note's wording beside titled projects."""

from __future__ import annotations

from mededeling.note.keyfigures import sentences
from mededeling.pipeline import prepare
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round


def _sentences(tmp_path, projects, toml_extra: str = "") -> dict[str, str]:
    inputs = tmp_path / "inputs"
    write_plan(inputs)
    folder = write_round(inputs, RoundSpec(
        "2022-06-30", 4, projects, [(c, "donkergroen", "2022-Q3") for c, *_ in projects],
        [(c, 100_000_000, 1_000_000, 0) for c, *_ in projects]))
    if toml_extra:
        with (folder / "ronde.toml").open("a", encoding="utf-8") as f:
            f.write(toml_extra)
    return sentences(prepare(folder).note.sections)


def test_six_realised_projects_are_named_with_their_titles(tmp_path):
    projects = projects_with(*statuses(geel=6, donkergroen=2))
    s = _sentences(tmp_path, projects)
    assert ("6 projecten krijgen de status ‘gerealiseerd’. Het gaat over "
            + ", ".join(f"VV00{i} ‘Project VV00{i}’" for i in range(1, 6))
            + " en VV006 ‘Project VV006’.") in s["3.1"]


def test_a_group_keeps_its_wording_beside_many_titled_projects(tmp_path):
    projects = projects_with(*statuses(oranje=9, donkergroen=1))
    s = _sentences(tmp_path, projects, '\n[[aandacht]]\ngroep = "digitaliseringsprojecten"\n'
                                       'projecten = ["VV001", "VV002", "VV003"]\n')
    assert ("Dit betreft drie digitaliseringsprojecten VV001, VV002 en VV003 en de projecten "
            + ", ".join(f"VV00{i} ‘Project VV00{i}’" for i in range(4, 9))
            + " en VV009 ‘Project VV009’.") in s["3.1"]
