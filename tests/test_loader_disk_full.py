"""A full disk while loading: one line saying so and what to do, status 74, the run recorded."""
from __future__ import annotations

from pathlib import Path

import pytest

import loaders.cli as cli
from service.backends.tantivy_writes import BackgroundCommits
from service.config import Config
from service.errors import IndexWriteFailed
from service.load_stats import read_stats, stats_path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
#: What tantivy raises when a commit meets a full disk (seen on a 4 MB tmpfs).
DISK_FULL = "An IO error occurred: 'No space left on device (os error 28)'"


class _FullDiskWriter:
    def commit(self):
        raise ValueError(DISK_FULL)


def test_a_commit_on_a_full_disk_is_an_index_write_failure_naming_the_cause():
    commits = BackgroundCommits(_FullDiskWriter())
    commits.start({})
    with pytest.raises(IndexWriteFailed) as raised:
        commits.wait()
    assert raised.value.message == "The index could not be written: No space left on device (os error 28)"


def test_adding_documents_after_the_writer_stopped_on_a_full_disk_is_an_index_write_failure():
    """Seen in a reindex on a 12 MB tmpfs: tantivy's indexing threads met the full disk first."""
    from service.backends.tantivy_writes import add_documents

    class Writer:
        def add_document(self, document):
            raise ValueError("An error occurred in a thread: 'An index writer was killed.. A worker thread "
                             "encountered an error (io::Error most likely) or panicked.'")

    with pytest.raises(IndexWriteFailed, match="full disk"):
        add_documents(Writer(), [(None, ["a document"])])


def test_other_tantivy_errors_are_left_as_they_are():
    class Writer:
        def commit(self):
            raise ValueError("Schema error: 'field unknown'")

    commits = BackgroundCommits(Writer())
    commits.start({})
    with pytest.raises(ValueError, match="Schema error") as raised:
        commits.wait()
    assert not isinstance(raised.value, IndexWriteFailed)


def test_a_load_on_a_full_disk_says_so_exits_74_and_is_recorded(tmp_path, capsys, monkeypatch):
    def full(*args, **kwargs):
        raise IndexWriteFailed("The index could not be written: No space left on device (os error 28)")

    monkeypatch.setattr(cli, "load", full)
    data_dir = tmp_path / "data"
    assert cli.main(["load", "--no-progress", str(SAMPLES)], config=Config(data_dir=data_dir)) == 74
    err = capsys.readouterr().err
    assert err.startswith("error: The index could not be written: No space left on device")
    assert "run the same command again" in err and "Traceback" not in err
    assert read_stats(stats_path(data_dir))["runs"] == {"interrupted": 1}


def test_stats_that_cannot_be_written_are_a_warning_not_the_loads_status(tmp_path, capsys, monkeypatch):
    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli, "record_run", no_space)
    assert cli.main(["load", "--no-progress", str(SAMPLES / "seed_article.txt")],
                    config=Config(data_dir=tmp_path / "data")) == 0
    err = capsys.readouterr().err
    assert "load-stats.json not updated: No space left on device" in err and "read 1, indexed 1" in err


def test_a_reindex_on_a_full_disk_says_the_old_version_is_kept_and_exits_74(tmp_path, capsys, monkeypatch):
    class Backend:
        def reindex(self, keep_old):
            raise IndexWriteFailed("The index could not be written: No space left on device (os error 28)")

    monkeypatch.setattr(cli, "create_backend", lambda config: Backend())
    assert cli.main(["reindex"], config=Config(data_dir=tmp_path / "data")) == 74
    err = capsys.readouterr().err
    assert err.startswith("error: The index could not be written") and "The old version is kept" in err


class _FullDiskHandle:
    def write(self, text):
        raise OSError(28, "No space left on device")

    def flush(self):
        pass

    def close(self):
        raise OSError(28, "No space left on device")


@pytest.mark.parametrize("command", ["load", "extract"])
def test_a_rejects_file_on_a_full_disk_stops_the_run_with_status_74(tmp_path, capsys, monkeypatch, command):
    """Was an OSError traceback (status 1), the load unrecorded."""
    from loaders.indexer import RejectsFile

    opened = RejectsFile.__init__

    def full_disk(self, *args, **kwargs):
        opened(self, *args, **kwargs)
        self.handle.close()
        self.handle = _FullDiskHandle()

    monkeypatch.setattr(RejectsFile, "__init__", full_disk)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"headline": "no body"}\n')
    data_dir = tmp_path / "data"
    rejects = tmp_path / "rejects.jsonl"
    status = cli.main([command, "--no-progress", "--rejects", str(rejects), str(bad)] if command == "load"
                      else [command, "--rejects", str(rejects), str(bad)], config=Config(data_dir=data_dir))
    assert status == 74
    err = capsys.readouterr().err
    assert f"error: The rejects file {str(rejects)!r} could not be written: No space left on device" in err
    assert "Traceback" not in err
    if command == "load":
        assert read_stats(stats_path(data_dir))["runs"] == {"interrupted": 1}
