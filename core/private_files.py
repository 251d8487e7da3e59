"""Small private files beside the accounts file (accounts, sign-in state, session secret, audit record): created
readable by the server's user only, replaced atomically, locked across processes. Pure: no Streamlit here."""
import fcntl
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

PRIVATE = 0o600  # other users of the machine read neither password hashes nor who signed in


def write_atomic(path: Path, text: str) -> None:
    """A crash or a full disk leaves the old file or the new one, never half of one."""
    path = Path(path)
    os.replace(_written_temp(path, text), path)
    _sync_folder(path.parent)


def create_once(path: Path, text: str) -> str:
    """Writes the file unless it exists, and returns what the file holds: two processes starting together agree
    on one content (the link fails for the second, which then reads the first's)."""
    path = Path(path)
    temp = _written_temp(path, text)
    try:
        os.link(temp, path)
        _sync_folder(path.parent)
    except FileExistsError:
        pass
    finally:
        temp.unlink()
    return path.read_text(encoding="utf-8")


def _written_temp(path: Path, text: str) -> Path:
    """A uniquely named temporary file in the target's folder (a rename across file systems is not atomic), created
    0600 by mkstemp from the start: a chmod afterwards would leave a moment in which anyone could open it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(text.encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        os.unlink(name)  # a full disk leaves no stray temporary file behind
        raise
    return Path(name)


@contextmanager
def locked(path: Path):
    """An exclusive lock held on a separate, never replaced lock file: locking the data file itself would lock an
    inode that the next atomic write swaps out."""
    lock = Path(path).with_name(Path(path).name + ".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, PRIVATE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def read_json(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def update_json(path: Path, change) -> dict:
    """Read, change and write back under the lock, so concurrent sign-ins in several processes lose no update."""
    with locked(path):
        data = read_json(path)
        change(data)
        write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2))
    return data


def append_line(path: Path, line: str) -> None:
    """One whole line at the end of an append-only file: O_APPEND puts it at the end even with other writers, the
    lock keeps lines from interleaving, fsync keeps it through a power cut."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, (line.rstrip("\n") + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """The rename itself is only durable once the folder's entry is on disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
