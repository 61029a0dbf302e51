"""`python -m loaders load|extract|count|dump|init|reindex`: the loader's command line.

Exit statuses (also in `--help`): 0 done; 2 done, but some inputs were
rejected (reasons in the rejects file); 64 a wrong command line, or a command
this backend has no use for; 74 the embedded index cannot be read or written
(damaged files, a full disk); 75 the engine was unavailable
or busy (nothing lost: run it again); 78 a setting is wrong (`NEWS_INDEX_*`,
`ELASTICSEARCH_*`); 130 interrupted (Ctrl-C), 143 stopped by SIGTERM (`docker
stop`): what was committed stays, and running the same command again completes
it without duplicates; 141 `extract` whose reader stopped early (`| head`).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator

from service.backends import create_backend
from service.config import Config
from service.errors import (ArticleRejected, BackendUnavailable, EngineTimeout, IndexDamaged, IndexWriteFailed,
                            InvalidRequest)
from service.load_stats import record_run, stats_path
from service.preflight import EXIT_CONFIG, check_config, exit_on_config_error
from service.runtime_dirs import held_directory, remove_abandoned
from service.schemas.article import EARLIEST_YEAR, LATEST_YEAR

from .cpus import usable_cpus
from .dump import output, stored_articles, write_lines
from .interrupts import EXIT_TERMINATED, exit_status, how_stopped, sigterm_interrupts
from .indexer import PROGRESS_EVERY_SECONDS, Prepared, RejectsFile, RejectsStream, load
from .readers import READERS, discover


def _reference_date(text: str) -> datetime:
    """A date in the years an index stores: past them ("9999-12-31") the
    resolving of every year-less dateline overflowed, and each article was
    rejected with an OverflowError instead of the command line being refused.
    Not in the first of them either: a year-less date is the latest not after
    the reference, so "Dec 31" read against 1678-06-01 is in 1677, and every
    article dated so was rejected as out of range."""
    try:
        reference = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM") from None
    if not EARLIEST_YEAR < reference.year <= LATEST_YEAR:
        raise argparse.ArgumentTypeError(
            f"{text!r} is out of range: dates run from {EARLIEST_YEAR} to {LATEST_YEAR}, and a date without "
            f"a year may fall in the year before the reference: give one from {EARLIEST_YEAR + 1} on")
    return reference


#: Exit statuses; 2 and 75 are documented in the README since the first release.
EXIT_OK, EXIT_REJECTED, EXIT_UNAVAILABLE, EXIT_INTERRUPTED = 0, 2, 75, 130
#: The index's files cannot be read, or written (sysexits' EX_IOERR): running again as it is cannot help.
EXIT_DAMAGED = 74
#: 128 + SIGPIPE: what a shell reports for a writer whose reader went away.
EXIT_BROKEN_PIPE = 141
#: A wrong command line (sysexits' EX_USAGE): not argparse's 2, which a script
#: would take for "done, some inputs rejected" and go on.
EXIT_USAGE = 64

DESCRIPTION = "Load news articles into the index, or inspect and manage it."
EPILOG = f"""\
settings come from the environment: NEWS_INDEX_BACKEND (embedded or elasticsearch),
NEWS_INDEX_DATA_DIR (the embedded index, rejects.jsonl and load-stats.json; default ./data),
ELASTICSEARCH_URL and the other ELASTICSEARCH_* variables (see the README).

exit status:
  {EXIT_OK}    done
  {EXIT_REJECTED}    done, but some inputs were rejected (reasons in the rejects file)
  {EXIT_USAGE}   a wrong command line, or a command this backend has no use for
  {EXIT_DAMAGED}   the embedded index cannot be read (damaged files: restore or rebuild it), or written
       (a full disk: free space, then run the same command again)
  {EXIT_UNAVAILABLE}   engine unavailable or busy, or another load writes the same rejects file: nothing
       was lost, run the same command again
  {EXIT_CONFIG}   a setting is wrong (the message names it)
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C): what was committed stays; run the same command
       again to complete it (nothing is duplicated)
  {EXIT_BROKEN_PIPE}  extract only: what reads its output stopped early (| head)
  {EXIT_TERMINATED}  stopped by SIGTERM (docker stop): as for Ctrl-C"""


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a number of processes; use 1 or more")
    return value


class _Parser(argparse.ArgumentParser):
    """argparse, exiting with EXIT_USAGE on a wrong command line (it exits 2)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m loaders", description=DESCRIPTION, epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (("load", "read articles and index them"),
                       ("extract", "print each article as it would be indexed, one JSON per line")):
        command = commands.add_parser(name, help=text, description=text, epilog=EPILOG,
                                      formatter_class=argparse.RawDescriptionHelpFormatter)
        command.add_argument("paths", nargs="+", metavar="PATH",
                             help="files, folders or globs; - reads standard input (see --stdin-format)")
        command.add_argument("--stdin-format", choices=STDIN_FORMATS, default="jsonl",
                             help="what standard input holds when a PATH is - (default: jsonl)")
        command.add_argument("--reference-date", type=_reference_date, default=None,
                             help="resolve dates without a year to the latest such date not after "
                                  "this one (default: each file's modification date)")
        command.add_argument("--rejects", type=Path, default=None,
                             help="JSONL file of inputs that could not be indexed, with the reason "
                                  + ("(default: rejects.jsonl in NEWS_INDEX_DATA_DIR)" if name == "load"
                                     else "(default: the same lines on standard error; the rejects file "
                                          "of the last load is left alone)"))
        command.add_argument("--outlet", default=None,
                             help="outlet for articles that name none (plain wire copy)")
        command.add_argument("--no-progress", action="store_true",
                             help="no progress (default: a bar on a terminal, else a line every "
                                  f"{PROGRESS_EVERY_SECONDS} seconds)")
        command.add_argument("--workers", type=_at_least_one, default=None,
                             help="processes preparing articles (default: one per core this process may use, "
                                  "a container's CPU limit counted, for inputs over "
                                  f"{PARALLEL_FROM_BYTES // 1_000_000} MB, else 1)")
    management = (
        ("count", "print how many articles the index holds"),
        ("dump", "write every article the index holds, whole, as JSON Lines: `load` reads the file into "
                 "either backend (moving to Elasticsearch, or a backup) without extracting anything again"),
        ("init", "Elasticsearch only: create <index>-v1 (and its quotes index) and the aliases if missing"),
        ("reindex", "Elasticsearch: copy the index into a new version and swap the alias; embedded: "
                    "copy the articles of the index an earlier release left (after a schema change)"),
    )
    # The text twice: in the list of commands and atop `<name> --help`, which said nothing of it.
    managers = {name: commands.add_parser(name, help=text, description=text, epilog=EPILOG,
                                          formatter_class=argparse.RawDescriptionHelpFormatter)
                for name, text in management}
    managers["dump"].add_argument("output", nargs="?", default="-", metavar="OUTPUT",
                                  help="file to write (.gz: compressed; default -, standard output)")
    managers["reindex"].add_argument("--keep-old", action="store_true",
                         help="keep the previous version afterwards (default: delete it)")
    return parser


#: Formats standard input may hold: a reader's file suffix without its dot.
STDIN_FORMATS = sorted(suffix.lstrip(".") for suffix in READERS)


@contextmanager
def _stdin_spooled(args) -> Iterator[None]:
    """`-` among the paths: standard input, copied to a file the readers then read.

    A pipeline (`zcat feed.jsonl.gz | python -m loaders load -`) gets
    everything a file gets: the readers, parallel workers, rejects named by
    line (`<stdin>:3`), and stable ids, so piping the same input again
    changes nothing. Gzipped input (`curl .../feed.jsonl.gz | ... load -`) is
    known by its magic bytes and read as a `.gz` file is: read as text, every
    line of it was rejected as not UTF-8. The copy is deleted afterwards.
    """
    args.renamed_sources = {}
    if "-" not in args.paths:
        yield
        return
    with _spool_directory() as folder:
        spooled = Path(folder) / f"stdin.{args.stdin_format}"
        with spooled.open("wb") as handle:
            shutil.copyfileobj(sys.stdin.buffer, handle)
        if _is_gzip(spooled):
            spooled = spooled.rename(spooled.with_name(spooled.name + ".gz"))
        original = args.paths
        args.paths = [str(spooled) if path == "-" else path for path in dict.fromkeys(original)]
        args.renamed_sources = {str(spooled): "<stdin>"}
        try:
            yield
        finally:
            args.paths = original


#: The temporary directories standard input is copied into.
SPOOL_PREFIX = "news-index-stdin-"


@contextmanager
def _spool_directory() -> Iterator[str]:
    """A temporary directory this run holds a lock in (`service.runtime_dirs`), removed after it.

    A load killed outright (SIGKILL, the OOM killer) cannot remove it: its
    copy of standard input (a whole archive, maybe) stayed in the temporary
    directory for good. The next load from standard input removes those
    whose lock nobody holds.
    """
    remove_abandoned(SPOOL_PREFIX)
    folder, lock = held_directory(SPOOL_PREFIX)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(lock)


#: What every gzip stream opens with (RFC 1952).
GZIP_MAGIC = b"\x1f\x8b"


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(GZIP_MAGIC)) == GZIP_MAGIC


#: Below this much input, starting worker processes costs more than it saves.
PARALLEL_FROM_BYTES = 2_000_000


def _workers(args, own_folders: tuple[Path, ...] = ()) -> int:
    if args.workers is not None:
        return args.workers
    files, _ = discover(args.paths, own_folders)
    size = sum(_size(path) for path in files)
    return usable_cpus() if size > PARALLEL_FROM_BYTES else 1


def _size(path: Path) -> int:
    """0 for a file that went away or cannot be read: the load itself rejects it with the reason."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def main(argv: list[str] | None = None, config: Config | None = None) -> int:
    try:
        return _run(argv, config)
    except IndexDamaged as error:  # was tantivy's ValueError, as a traceback with status 1
        print(f"error: {error.message}", file=sys.stderr)
        return EXIT_DAMAGED


def _run(argv: list[str] | None, config: Config | None) -> int:
    args = build_parser().parse_args(argv)
    with exit_on_config_error():  # a wrong setting: one line naming it, status 78
        config = config or Config.from_env()
        if args.command != "extract":  # extract reads files only
            check_config(config, data_dir=args.command == "load" or None)
    if args.command == "count":
        try:
            print(create_backend(config).count())
        except (BackendUnavailable, EngineTimeout) as error:
            print(f"error: {error.message}", file=sys.stderr)
            return EXIT_UNAVAILABLE
        return EXIT_OK
    if args.command == "dump":
        with sigterm_interrupts():
            return _dump(args, config)
    if args.command in ("init", "reindex"):
        with sigterm_interrupts():
            return _index_command(args, config)
    with _stdin_spooled(args), sigterm_interrupts():
        if args.command == "extract":
            return _extract(args, args.rejects)
        return _load(args, config)


def _load(args, config: Config) -> int:
    rejects_path = args.rejects or config.data_dir / "rejects.jsonl"
    own = (config.data_dir,)
    problem = _input_too(rejects_path, args.paths, own) or _unwritable(rejects_path)
    if problem:
        print(f"error: the rejects file {str(rejects_path)!r} cannot be written: {problem}"
              + ("" if args.rejects else " (it is in NEWS_INDEX_DATA_DIR; choose another with --rejects)"),
              file=sys.stderr)
        return EXIT_USAGE if args.rejects else EXIT_CONFIG
    started = time.monotonic()
    stats = stats_path(config.data_dir)
    try:
        backend = create_backend(config)
        summary = load(backend, args.paths, rejects_path, args.reference_date,
                       progress=not args.no_progress, default_outlet=args.outlet,
                       workers=_workers(args, own), renamed_sources=args.renamed_sources, own_folders=own)
    except (BackendUnavailable, EngineTimeout) as error:
        _record(stats, None, started, completed=False)
        print(f"error: {error.message}", file=sys.stderr)
        return EXIT_UNAVAILABLE  # EX_TEMPFAIL: nothing was lost, run it again
    except IndexWriteFailed as error:  # a full disk: was a traceback, the run unrecorded
        _record(stats, None, started, completed=False)
        print(f"error: {error.message}. Articles committed before stay in the index; free space (or fix "
              "the disk) and run the same command again to complete the load (nothing is duplicated)",
              file=sys.stderr)
        return EXIT_DAMAGED
    except KeyboardInterrupt as interrupt:  # Ctrl-C, or SIGTERM (see interrupts.py)
        # The backend's writer has rolled back what was not committed; the
        # index opens, and a re-run skips what is there (same ids, `unchanged`).
        _record(stats, None, started, completed=False)
        print(f"interrupted: articles committed before {how_stopped(interrupt)} stay in the index; run the same "
              "command again to complete the load (nothing is duplicated)", file=sys.stderr)
        return exit_status(interrupt)
    _record(stats, summary.counts(), started, completed=True)
    print(summary.line(), file=sys.stderr)
    return EXIT_OK if summary.rejected == 0 else EXIT_REJECTED


def _record(stats: Path, counts: dict[str, int] | None, started: float, completed: bool) -> None:
    """The run in load-stats.json (for /metrics), never at the cost of the load's own status:
    on a full disk the stats file cannot be written either, and its OSError hid the reason."""
    try:
        record_run(stats, counts, time.monotonic() - started, completed=completed)
    except OSError as error:
        print(f"warning: {stats} not updated: {error.strerror or error}", file=sys.stderr)


def _input_too(rejects_path: Path, paths: list[str], own_folders: tuple[Path, ...] = ()) -> str | None:
    """Why the rejects file cannot be one of the inputs: opened for writing before
    anything is read, it emptied that input, and its articles were lost unread."""
    if not rejects_path.is_file():
        return None
    files, _ = discover((path for path in paths if path != "-"), own_folders)
    for found in files:
        try:
            if os.path.samefile(found, rejects_path):
                return f"it is also an input ({found}), which writing the reasons would empty before it is read"
        except OSError:  # gone since it was found: the load rejects it with the reason
            continue
    return None


def _unwritable(path: Path) -> str | None:
    """Why the rejects file cannot be written (checked before anything is read), or None."""
    if path.is_dir():
        return "it is a directory"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a"):
            pass
    except OSError as error:
        return error.strerror or str(error)
    return None


def _extract(args, rejects_path: Path | None) -> int:
    problem = rejects_path and (_input_too(rejects_path, args.paths) or _unwritable(rejects_path))
    if problem:
        print(f"error: the rejects file {str(rejects_path)!r} cannot be written: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        rejects = (RejectsFile(rejects_path, args.renamed_sources) if rejects_path
                   else RejectsStream(sys.stderr, args.renamed_sources))
    except BackendUnavailable as error:  # a load running writes that file (RejectsBusy)
        print(f"error: {error.message}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    try:
        run = Prepared(rejects, args.reference_date, progress=False, default_outlet=args.outlet,
                       workers=_workers(args))
        for article in run.articles(args.paths):
            sys.stdout.write(json.dumps(article, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        summary = run.summary
    except BrokenPipeError:
        return _reader_gone()
    except IndexWriteFailed as error:  # the rejects file, on a full disk
        print(f"error: {error.message}", file=sys.stderr)
        return EXIT_DAMAGED
    finally:
        rejects.close()
    print(f"read {summary.read}, rejected {summary.rejected}"
          + (f" (reasons in {rejects_path or 'the lines above'})" if summary.rejected else "")
          + summary.repeated_line() + summary.ignored_line() + summary.file_time_line(), file=sys.stderr)
    return EXIT_OK if summary.rejected == 0 else EXIT_REJECTED


def _reader_gone() -> int:
    """`extract ... | head`: the reader has what it wanted; stop without a traceback.

    Python ignores SIGPIPE, so the write raised BrokenPipeError: a traceback
    and status 1 after every `| head`. Standard output now points at
    /dev/null, so the flush at exit does not raise it again.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_BROKEN_PIPE


def _dump(args, config: Config) -> int:
    """`dump [OUTPUT]`: see loaders/dump.py."""
    try:
        backend = create_backend(config)
        with output(args.output) as out:
            written = write_lines(stored_articles(backend), out)
    except BrokenPipeError:
        return _reader_gone()
    except (BackendUnavailable, EngineTimeout) as error:
        print(f"error: {error.message}; nothing was written to {args.output}" if args.output != "-"
              else f"error: {error.message}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except OSError as error:  # the output cannot be written (a full disk, no such folder)
        print(f"error: {args.output} cannot be written: {error.strerror or error}", file=sys.stderr)
        return EXIT_DAMAGED
    except KeyboardInterrupt as interrupt:
        print(f"interrupted by {how_stopped(interrupt)}: {args.output} was not written; run the same command "
              "again", file=sys.stderr)
        return exit_status(interrupt)
    print(f"dumped {written} articles" + (f" to {args.output}" if args.output != "-" else ""), file=sys.stderr)
    return EXIT_OK


def _index_command(args, config: Config) -> int:
    """`init` and `reindex` manage index versions: Elasticsearch's behind an alias, the
    embedded index's one directory per schema version (created on first use, so no `init`)."""
    if config.backend != "elasticsearch" and args.command == "init":
        print(f"error: `init` creates Elasticsearch indices; NEWS_INDEX_BACKEND is "
              f"{config.backend!r}, whose index is created on first use.", file=sys.stderr)
        return EXIT_USAGE
    try:
        backend = create_backend(config)
        if args.command == "init":
            print(f"{config.elasticsearch_index} -> {backend.ensure_index()}", file=sys.stderr)
            return 0
        result = backend.reindex(keep_old=args.keep_old)
    except KeyboardInterrupt as interrupt:  # Ctrl-C, or SIGTERM (see interrupts.py)
        # The old version is deleted (or the alias swapped) only once everything is copied.
        print(f"interrupted by {how_stopped(interrupt)} before the copy finished: the old version is kept; "
              "run the same command again to complete it (nothing is duplicated)", file=sys.stderr)
        return exit_status(interrupt)
    except (BackendUnavailable, EngineTimeout) as error:
        print(f"error: {error.message}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except IndexWriteFailed as error:  # a full disk: the old version is deleted only after the copy
        print(f"error: {error.message}. The old version is kept; free space (or fix the disk) and run the "
              "same command again (nothing is duplicated)", file=sys.stderr)
        return EXIT_DAMAGED
    except InvalidRequest as error:
        print(f"error: {error.message}", file=sys.stderr)
        return EXIT_USAGE
    name = config.elasticsearch_index if config.backend == "elasticsearch" else str(config.data_dir)
    print(f"{name}: {result.old_index} -> {result.new_index}, {result.documents} documents, old version "
          f"{'deleted' if result.old_deleted else 'kept'}"
          + (f"; {result.failed} could not be indexed (see the log)" if result.failed else ""), file=sys.stderr)
    return 0 if not result.failed else 2
