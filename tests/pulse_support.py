"""A private PulseAudio server for tests: a null sink whose monitor is the default input.

Tests (and benchmarks) play real speech into the null sink with ``paplay`` and record
it from the monitor source through PortAudio -> ALSA ``pulse`` plugin -> this server,
so the whole capture path is exercised on a machine without a sound card.

The daemon runs with its own ``HOME``, ``XDG_RUNTIME_DIR`` and socket under a temp
folder, so it never touches (or is confused by) a user's real PulseAudio, works as
root (CI containers), and is killed in teardown whatever happened.

Usage in a test module (expose both fixtures: ``pulse`` builds on ``pulse_session``;
assigning them, rather than importing the names, keeps ruff's F811 quiet)::

    import pulse_support

    pulse_session = pulse_support.pulse_session
    pulse = pulse_support.pulse

    def test_x(pulse):                                   # os.environ points at the server
        pulse.play(audio_dir / "en-jfk.flac")            # blocks until played
        player = pulse.play(path, wait=False)            # a Popen, killed at teardown
        subprocess.run([...], env={**os.environ})        # children reach it too

One daemon serves the whole session (an idle null sink takes ~2 s to start
delivering audio; see ``_keep_monitor_awake``); each test gets it with no player
left over, and a test that killed it (``kill_daemon``) gets a fresh one.

or without pytest: ``with pulse_server(tmp_dir) as server: ...`` (``server.env`` holds
the variables a subprocess needs).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SINK = "transcriber_test_sink"
SINK_RATE = 16000
START_TIMEOUT = 15.0


class PulseServer:
    """One running private daemon. ``env`` are the variables that point clients at it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.runtime_dir = root / "runtime"
        self.home = root / "home"
        self.socket = self.runtime_dir / "native"
        self.sink = SINK
        self.source = f"{SINK}.monitor"
        self._daemon: subprocess.Popen | None = None
        self._keepalive: subprocess.Popen | None = None
        self._players: list[subprocess.Popen] = []
        self._log = root / "pulseaudio.log"
        client_conf = root / "client.conf"
        self.env = {
            "PULSE_SERVER": f"unix:{self.socket}",
            "PULSE_RUNTIME_PATH": str(self.runtime_dir),
            # Never let libpulse start a second daemon behind our back.
            "PULSE_CLIENTCONFIG": str(client_conf),
        }
        self._client_conf = client_conf

    # -- lifecycle ---------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._daemon is not None and self._daemon.poll() is None

    def start(self) -> PulseServer:
        daemon = shutil.which("pulseaudio")
        if daemon is None or shutil.which("paplay") is None:
            pytest.fail(
                "PulseAudio is needed for recording tests: "
                "apt-get install pulseaudio pulseaudio-utils"
            )
        for folder in (self.runtime_dir, self.home):
            folder.mkdir(parents=True, exist_ok=True)
        self.runtime_dir.chmod(0o700)  # pulseaudio refuses a runtime dir others can read
        self.socket.unlink(missing_ok=True)  # left by a daemon that was killed
        self._client_conf.write_text("autospawn = no\n")
        script = self.root / "test.pa"
        script.write_text(
            f"load-module module-null-sink sink_name={SINK} rate={SINK_RATE} channels=1\n"
            f"load-module module-native-protocol-unix auth-anonymous=1 socket={self.socket}\n"
            f"set-default-sink {SINK}\n"
            f"set-default-source {SINK}.monitor\n"
        )
        env = {
            **os.environ,
            **self.env,
            "HOME": str(self.home),
            "XDG_RUNTIME_DIR": str(self.runtime_dir),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "PULSE_STATE_PATH": str(self.root / "state"),
        }
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        command = [
            daemon,
            "-n",  # no default.pa: only our script, no hardware modules
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--use-pid-file=no",
            "--realtime=no",
            "--high-priority=no",
            "--log-target=stderr",
            "-F",
            str(script),
        ]
        if os.geteuid() == 0:
            # As root pulseaudio warns but runs per-user with --system=no; say it explicitly.
            command.insert(1, "--system=no")
        with open(self._log, "wb") as log:
            self._daemon = subprocess.Popen(
                command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self._wait_ready()
        self._keep_monitor_awake()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._daemon.poll() is not None:
                break
            probe = subprocess.run(
                ["pactl", "info"], env={**os.environ, **self.env}, capture_output=True
            )
            if probe.returncode == 0 and self.source.encode() in probe.stdout:
                return
            time.sleep(0.1)
        log = self._log.read_text(errors="replace")[-2000:]
        self.stop()
        pytest.fail(f"private PulseAudio did not start:\n{log}")

    def _keep_monitor_awake(self) -> None:
        """Hold a low-latency reader on the monitor for the server's whole life.

        An idle null sink renders in ~2 s blocks, so a recorder connecting to its
        monitor got its first audio 1.6-1.9 s late (measured with parec and with
        PortAudio); a real microphone starts at once. A reader that asks for 20 ms
        keeps the sink rendering in small blocks, so recordings start immediately.
        """
        self._keepalive = subprocess.Popen(
            ["parec", "--raw", "--latency-msec=20", "--rate=8000", "--channels=1",
             f"--device={self.source}"],
            env={**os.environ, **self.env},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        flowing = threading.Event()

        def discard(stream) -> None:
            while stream.read(1024):
                flowing.set()

        self._discarder = threading.Thread(
            target=discard, args=(self._keepalive.stdout,), name="pulse-keepalive", daemon=True
        )
        self._discarder.start()
        if not flowing.wait(START_TIMEOUT):
            self.stop()
            pytest.fail("the private PulseAudio's monitor source delivers no audio")

    def stop_players(self) -> None:
        for player in self._players:
            _end(player)
            if player.stderr:
                player.stderr.close()
        self._players.clear()

    def stop(self) -> None:
        """Kill players, the monitor reader and the daemon; safe to call twice."""
        self.stop_players()
        if self._keepalive is not None:
            _end(self._keepalive)
            self._discarder.join(timeout=5)  # reads EOF once parec is gone
            self._keepalive.stdout.close()
            self._keepalive = None
        if self._daemon is not None:
            _end(self._daemon)
            self._daemon = None

    def kill_daemon(self) -> None:
        """SIGKILL the server mid-stream: to the recorder this is an unplugged device."""
        if self._daemon is not None:
            self._daemon.kill()
            self._daemon.wait()
            self._daemon = None
        self.stop()  # players and the monitor reader die with it anyway

    # -- playing -----------------------------------------------------------------------

    def play(self, path: str | os.PathLike[str], wait: bool = True) -> subprocess.Popen:
        """Play a file into the null sink (and so into the default input).

        paplay plays 24-bit FLAC short (an underrun after ~2 s, seen with en-jfk.flac),
        so every file is first converted to 16-bit WAV.
        """
        wav = self._as_wav(Path(path))
        player = subprocess.Popen(
            ["paplay", "--device", self.sink, str(wav)],
            env={**os.environ, **self.env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._players.append(player)
        if wait:
            _, err = player.communicate(timeout=600)
            if player.returncode != 0:
                raise RuntimeError(f"paplay failed: {err.decode(errors='replace')}")
        return player

    def _as_wav(self, path: Path) -> Path:
        import soundfile

        # Keyed by the file's path and contents' stat, not its name alone: two tests
        # each playing their own "x.wav" must not hear each other's.
        stat = path.stat()
        key = hashlib.sha1(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:12]
        target = self.root / f"play-{path.stem}-{key}.wav"
        if not target.exists():
            data, rate = soundfile.read(str(path), dtype="int16", always_2d=True)
            soundfile.write(str(target), data, rate, subtype="PCM_16")
        return target


def _end(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def reinitialise_portaudio() -> None:
    """Make an already imported sounddevice see the devices of the current environment.

    PortAudio scans devices once, at initialisation; a process that imported
    sounddevice before the server started would otherwise see no ``pulse`` device.
    Only call while this process has no PortAudio stream open.
    """
    if "sounddevice" in sys.modules:
        import sounddevice

        sounddevice._terminate()
        sounddevice._initialize()


@contextlib.contextmanager
def pulse_server(root: str | os.PathLike[str]) -> Iterator[PulseServer]:
    """A running private server under ``root`` (a fresh folder), stopped on exit."""
    server = PulseServer(Path(root))
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pulse_session(tmp_path_factory) -> Iterator[PulseServer]:
    """The session's private server (started on first use, killed at the end)."""
    with pulse_server(tmp_path_factory.mktemp("pulse")) as server:
        yield server


@pytest.fixture
def pulse(pulse_session, monkeypatch) -> Iterator[PulseServer]:
    """The private server, with this process's environment pointing at it."""
    if not pulse_session.running:  # an earlier test killed it
        pulse_session.start()
    for name, value in pulse_session.env.items():
        monkeypatch.setenv(name, value)
    reinitialise_portaudio()
    yield pulse_session
    pulse_session.stop_players()
    monkeypatch.undo()
    # Forget the server's devices, so a later test without it cannot half-open them.
    reinitialise_portaudio()
