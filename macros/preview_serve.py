"""What `mkdocs serve` does around our rebuilds, made quicker for the preview (`make serve` only): the site
folder, kept between rebuilds and written only where it changes, and the watcher that looks for saves.

MkDocs empties the folder on every save, then writes every page and copies every file again: at 1,000
poles and 1,000 events that was 2 of the 5.5 seconds of a rebuild, for a save that changes a few pages.
Here the folder stays, a file is written when its bytes (or, for a copy, its source) differ from what this
session last put there, and a file the last rebuild wrote that this one did not is removed, so the folder
holds exactly what a fresh build would (tests/test_apercu.py adds and removes a fiche between rebuilds).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from mkdocs import utils
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File


class SiteFolder:
    """What this session has written, by path: the bytes' digest, or the copied source's path and stamp."""

    def __init__(self) -> None:
        self.written: dict[str, bytes] = {}
        self.now: set[str] = set()

    def begin(self) -> None:
        self.now = set()

    def put(self, path: str, digest: bytes, write) -> None:
        self.now.add(path)
        if self.written.get(path) == digest and os.path.isfile(path):
            return
        self.written.pop(path, None)  # a write that fails leaves the path to be written again
        write()
        self.written[path] = digest

    def end(self, site_dir: Path) -> None:
        """Files this rebuild did not write are not part of the site any more; nor is the search index,
        which is built again."""
        for path in sorted(self.written.keys() - self.now):
            del self.written[path]
            Path(path).unlink(missing_ok=True)
            _remove_empty_parents(Path(path).parent, site_dir)
        shutil.rmtree(site_dir / "pagefind", ignore_errors=True)


def _remove_empty_parents(folder: Path, site_dir: Path) -> None:
    while folder != site_dir and folder.is_relative_to(site_dir) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _bytes_digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def _copy_digest(file: File) -> bytes:
    if file._content is None:
        stat = os.stat(file.abs_src_path)
        return _bytes_digest(f"{file.abs_src_path}\0{stat.st_mtime_ns}\0{stat.st_size}".encode())
    content = file._content
    return _bytes_digest(b"t" + content.encode("utf-8") if isinstance(content, str) else b"b" + content)


def install(folder: SiteFolder) -> None:
    """Route MkDocs's writes through the folder (for the process: only `mkdocs serve` calls this)."""
    write_file, copy_file = utils.write_file, File.copy_file

    def kept_write(content: bytes, output_path: str) -> None:
        folder.put(output_path, _bytes_digest(content), lambda: write_file(content, output_path))

    def kept_copy(self: File, dirty: bool = False) -> None:
        folder.put(self.abs_dest_path, _copy_digest(self), lambda: copy_file(self, dirty))

    utils.write_file = kept_write
    utils.clean_directory = lambda directory: None
    File.copy_file = kept_copy  # type: ignore[method-assign]


# How often the preview looks for saved files: MkDocs's 0.5 s was on average a quarter of a second of the
# contributor's wait, for a scan of data/, docs/ and the code that takes a few milliseconds.
POLLING_SECONDS = 0.2


def quicker_server(server: LiveReloadServer, config, builder) -> LiveReloadServer:
    """The same server, watching the same paths, polling more often (MkDocs has no option for it; its
    on_serve event lets a plugin hand back another server). Left as it is if MkDocs changed."""
    watched = getattr(server, "_watched_paths", None)
    if watched is None:
        return server
    host, port = config.dev_addr
    quicker = LiveReloadServer(
        builder=builder,
        host=host,
        port=port,
        root=server.root,
        mount_path=server.mount_path,
        polling_interval=POLLING_SECONDS,
    )
    quicker.error_handler = server.error_handler
    for path in watched:
        quicker.watch(path)
    return quicker
