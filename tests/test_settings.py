"""Settings: declared once (generator/settings.py), read through MkDocs' own loader by both
adapters, and every bad value named with what would be right, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.cli.main import main
from generator.settings import Settings, SettingsError, load_site
from support import brief_yaml

CONFIG = """\
site_name: Settings test
theme:
  name: material
plugins:
  - briefs:
{options}
markdown_extensions: [admonition, attr_list, toc]
"""


def make_site(root: Path, options: str, extra: str = "") -> Path:
    (root / "briefs").mkdir(exist_ok=True)
    (root / "briefs" / "a.yaml").write_text(brief_yaml(), "utf-8")
    (root / "docs").mkdir(exist_ok=True)
    indented = "\n".join("      " + line for line in options.splitlines())
    config = root / "mkdocs.yml"
    config.write_text(CONFIG.format(options=indented) + extra, "utf-8")
    return config


def check(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    monkeypatch.chdir(root)
    status = main(["check"])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_null_option_means_the_default_as_in_mkdocs(tmp_path: Path) -> None:
    settings = load_site(make_site(tmp_path, "per_page: null")).settings
    assert settings.per_page == Settings().per_page == 20


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("per_page: -1", "option 'per_page' expects a whole number of at least 1, found -1"),
        ("per_page: '20'", "option 'per_page' expects a whole number, found '20'"),
        ("per_page: true", "option 'per_page' expects a whole number, found True"),
        ("drafts: 'no'", "option 'drafts' expects true or false, found 'no'"),
        ("feeds: 'off'", "option 'feeds' expects true or false, found 'off'"),
        ("feed_items: 0", "option 'feed_items' expects a whole number of at least 1, found 0"),
        ("briefs_dir: ''", "option 'briefs_dir' expects a folder name, found ''"),
        ("per_pages: 5", "unknown option 'per_pages'; known options: briefs_dir,"),
    ],
)
def test_a_bad_option_names_setting_value_and_what_is_right_exit_2(
    options: str,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    make_site(tmp_path, options)
    status, output = check(tmp_path, monkeypatch, capsys)
    assert status == 2
    assert f"briefs: mkdocs.yml: plugins: briefs: {message}" in output
    assert "Traceback" not in output


def test_mkdocs_validates_the_plugin_options_with_the_same_declaration(tmp_path: Path) -> None:
    config = make_site(tmp_path, "per_page: -1")
    with pytest.raises(Abort):
        load_config(str(config))
    good = load_config(str(make_site(tmp_path, "per_page: 7\nmore_from: 0")))
    assert good.plugins["briefs"].config["per_page"] == 7


def test_env_tags_and_inherit_work_as_in_mkdocs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "b.yaml").write_text(brief_yaml(title="From the news folder"), "utf-8")
    make_site(tmp_path, "briefs_dir: !ENV [BRIEFS_DIR, briefs]\nper_page: 3")
    monkeypatch.setenv("BRIEFS_DIR", "news")
    assert load_site(tmp_path / "mkdocs.yml").settings.briefs_path == tmp_path / "news"
    monkeypatch.delenv("BRIEFS_DIR")
    assert load_site(tmp_path / "mkdocs.yml").settings.briefs_path == tmp_path / "briefs"

    child = tmp_path / "child.yml"
    child.write_text("INHERIT: mkdocs.yml\nsite_url: https://news.example.com/\n", "utf-8")
    site = load_site(child)
    assert site.settings.per_page == 3
    assert site.settings.site_url == "https://news.example.com/"


def test_missing_briefs_folder_is_one_clear_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_site(tmp_path, "briefs_dir: nowhere")
    status, output = check(tmp_path, monkeypatch, capsys)
    assert status == 1 and "Traceback" not in output
    assert "nowhere: briefs folder not found; create it or set briefs_dir" in output
    assert "1 error in nowhere/" in output


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("site_name: x\nsite_url: 12\n", "mkdocs.yml: site_url: Expected a string"),
        ("site_name: x\nINHERIT: base.yml\n", "Inherited config file 'base.yml' does not exist"),
        ("site_name: [x\n", "mkdocs.yml: MkDocs encountered an error parsing the configuration"),
        ("- a list\n", "the config must be a mapping of settings"),
        (
            "site_name: x\nplugins:\n  - briefs: [1]\n",
            "plugins: briefs: the options must be a mapping",
        ),
    ],
)
def test_a_broken_config_file_is_one_line_and_exit_2(
    config: str,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "mkdocs.yml").write_text(config, "utf-8")
    status, output = check(tmp_path, monkeypatch, capsys)
    assert status == 2 and "Traceback" not in output
    assert message in output
    assert len(output.strip().splitlines()) == 1


def test_settings_error_is_a_value_error_for_callers_that_catch_those() -> None:
    with pytest.raises(SettingsError):
        Settings.from_options({"home": "yes"})


def test_timezone_is_an_iana_name_and_a_typo_names_the_option() -> None:
    assert Settings.from_options({"timezone": "America/New_York"}).zone.key == "America/New_York"
    assert Settings.from_options({}).timezone == "UTC"
    with pytest.raises(SettingsError) as caught:
        Settings.from_options({"timezone": "America/New_Yrok"})
    assert str(caught.value) == (
        "option 'timezone' expects a time zone name such as 'America/New_York', "
        "found 'America/New_Yrok'"
    )


def test_one_reading_of_mkdocs_list_or_mapping_entries_serves_plugins_and_extensions() -> None:
    """``plugins`` and ``markdown_extensions`` are a list (names, one-key mappings) or a
    mapping; the briefs options, the plugins that rule out an incremental build and the
    extensions a build needs are all read by one parser (settings.config_entries)."""
    from generator.build.engines import extension_names
    from generator.build.incremental import config_plugin_names
    from generator.settings import config_entries

    listed = ["search", {"briefs": {"per_page": 5}}, {"tags": None}, 7, {}]
    mapping = {"search": None, "briefs": {"per_page": 5}, "tags": None}
    expected = [("search", None), ("briefs", {"per_page": 5}), ("tags", None)]
    assert config_entries(listed) == expected
    assert config_entries(mapping) == expected
    assert config_entries(None) == [] and config_entries("search") == []
    for plugins in (
        ["search", {"tags": {"enabled": False}}, "briefs"],
        {"search": None, "tags": {"enabled": False}, "briefs": None},
    ):
        assert config_plugin_names({"plugins": plugins}) == ["search", "briefs"]
    assert config_plugin_names({}) == ["search"]
    extensions = {"admonition", "attr_list", "toc"}
    assert extension_names({"markdown_extensions": ["admonition", {"attr_list": {}}, "toc"]}) == (
        extensions
    )
    assert extension_names({"markdown_extensions": dict.fromkeys(extensions)}) == extensions
    assert extension_names({}) is None
