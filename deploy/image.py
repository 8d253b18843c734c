#!/usr/bin/env python3
"""Builds a container image of a Brisk fat jar with no Docker daemon and no base image to pull.

    deploy/image.py --jar lab/target/brisk.jar --tag brisk-seed:0.1.0 -- seed --host 0.0.0.0
    docker load -i target/brisk-seed.tar        # or: podman load -i ..., skopeo copy oci-archive:...

The image is a jlink'd Java runtime (only the modules jdeps finds in the jar), the C libraries it
links against copied from this machine (what a distroless base image would supply), /tmp for Netty's
native libraries, a non-root user, and the jar: two layers (runtime, app), written as an OCI image
layout that also carries Docker's manifest.json, so both `docker load` and OCI tools read it.
With a JDK 25+, the app layer also holds a JDK 25 AOT cache (/app/app.aot) trained in the
image's own runtime by deploy/aot-train.sh, as deploy/Dockerfile does, and the entrypoint reads the same
JVM options (deploy/jvm.options) with -XX:AOTCache; --no-aot leaves it out.
Layers are reproducible (sorted, zero mtimes, root-owned). --check runs `java -version` inside the
image's root filesystem with chroot (root only) to prove it is self-sufficient.
Python standard library only: CI machines have python3 but not Docker, Jib's base images or network
access to a registry.
"""
import argparse, glob, hashlib, io, json, os, shutil, socket, subprocess, sys, tarfile, tempfile

def find_jdk(given):
    candidates = [given, os.environ.get("JAVA_HOME")] + sorted(glob.glob("/usr/lib/jvm/*"), reverse=True)
    for c in candidates:
        if c and os.path.exists(os.path.join(c, "bin", "jlink")):
            out = subprocess.run([os.path.join(c, "bin", "java"), "-version"], capture_output=True, text=True).stderr
            major = out.split('"')[1].split(".")[0] if '"' in out else "0"
            if int(major) >= 21:
                return c
    sys.exit("image: no JDK 21+ with jlink (looked at --jdk, JAVA_HOME, /usr/lib/jvm)")

def modules(jdk, jar, extra):
    out = subprocess.run([os.path.join(jdk, "bin", "jdeps"), "--ignore-missing-deps", "--multi-release", "21",
                          "--print-module-deps", jar], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("image: jdeps failed:\n" + out.stderr)
    mods = set(out.stdout.strip().split(","))
    # jdeps cannot see reflective/service use: TLS ciphers, DNS, JMX-free monitoring, Netty's Unsafe.
    mods |= {"jdk.crypto.ec", "jdk.naming.dns", "jdk.unsupported", "jdk.zipfs"} | set(extra)
    return sorted(m for m in mods if m)

def shared_libs(files):
    """Every library the runtime's executables and .so files load, with the symlinks leading to them."""
    libs = set()
    for f in files:
        out = subprocess.run(["ldd", f], capture_output=True, text=True).stdout
        for line in out.splitlines():
            parts = line.split("=>")
            path = (parts[1] if len(parts) == 2 else parts[0]).strip().split(" (")[0].strip()
            if path.startswith("/") and os.path.exists(path):
                libs.add(path)
    expanded = set()
    for lib in libs:
        p = lib
        while os.path.islink(p):
            expanded.add(p)
            p = os.path.join(os.path.dirname(p), os.readlink(p))
        expanded.add(os.path.normpath(p))
    return sorted(expanded)

def layer(entries):
    """entries: (path in image, source path or None for a directory, mode). A reproducible tar."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, src, mode in sorted(entries, key=lambda e: e[0]):
            info = tarfile.TarInfo(name.lstrip("/"))
            info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
            if src is None:
                info.type, info.mode = tarfile.DIRTYPE, mode
                tar.addfile(info)
            elif os.path.islink(src):
                info.type, info.linkname, info.mode = tarfile.SYMTYPE, os.readlink(src), 0o777
                tar.addfile(info)
            else:
                info.size, info.mode = os.path.getsize(src), mode or (os.stat(src).st_mode & 0o777)
                with open(src, "rb") as f:
                    tar.addfile(info, f)
    return buf.getvalue()

def tree(root, prefix):
    out = []
    for d, dirs, files in os.walk(root):
        rel = os.path.relpath(d, root)
        out.append((os.path.normpath(os.path.join(prefix, rel)), None, 0o755))
        for f in files:
            out.append((os.path.join(prefix, rel, f).replace("/./", "/"), os.path.join(d, f), None))
    return out

def parents(paths):
    dirs = set()
    for p in paths:
        d = os.path.dirname(p)
        while d not in ("/", ""):
            dirs.add(d)
            d = os.path.dirname(d)
    return [(d, None, 0o755) for d in sorted(dirs)]

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jar", required=True)
    ap.add_argument("--tag", default="brisk-app:latest")
    ap.add_argument("--out", help="the image tar (default: target/<name>.tar)")
    ap.add_argument("--jdk")
    ap.add_argument("--add-modules", default="", help="extra JDK modules, comma-separated")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--check", action="store_true", help="chroot into the image's files and run java -version")
    ap.add_argument("--check-path", help="with --check: run the image's entrypoint too and GET this path")
    ap.add_argument("--no-aot", action="store_true", help="no AOT cache (made by default with a JDK 25+ and a CMD)")
    ap.add_argument("--train-paths", help="the AOT training run's requests, blank-separated (default: the seed app's)")
    ap.add_argument("cmd", nargs="*", help="the jar's arguments (the image's CMD)")
    a = ap.parse_args()
    out = a.out or os.path.join("target", a.tag.split(":")[0].split("/")[-1] + ".tar")
    jdk = find_jdk(a.jdk)
    mods = modules(jdk, a.jar, [m for m in a.add_modules.split(",") if m])
    work = tempfile.mkdtemp(prefix="brisk-image-")
    try:
        runtime = os.path.join(work, "java")
        subprocess.run([os.path.join(jdk, "bin", "jlink"), "--add-modules", ",".join(mods), "--strip-debug", "--compress=zip-6",
                        "--no-header-files", "--no-man-pages", "--output", runtime], check=True)
        # A server never opens a window: the X11/splash parts of java.desktop (pulled in by java.beans)
        # stay in the runtime but their X libraries are not chased; java.awt.headless is set below.
        gui = ("libawt_xawt.so", "libsplashscreen.so", "libjawt.so")
        binaries = [os.path.join(runtime, "bin", "java")] + [
            f for f in glob.glob(os.path.join(runtime, "lib", "**", "*.so"), recursive=True) if os.path.basename(f) not in gui]
        libs = [l for l in shared_libs(binaries) if not l.startswith(work)]   # the runtime's own are in /opt/java
        etc = os.path.join(work, "etc")
        os.makedirs(etc)
        with open(os.path.join(etc, "passwd"), "w") as f:
            f.write("root:x:0:0:root:/root:/sbin/nologin\nbrisk:x:65532:65532:brisk:/app:/sbin/nologin\n")
        with open(os.path.join(etc, "group"), "w") as f:
            f.write("root:x:0:\nbrisk:x:65532:\n")
        base = (tree(runtime, "/opt/java") + [(l, l, None) for l in libs] + parents(libs) + tree(etc, "/etc")
                + [("/tmp", None, 0o1777), ("/opt", None, 0o755)])
        app = [("/app", None, 0o755), ("/app/app.jar", a.jar, 0o644)]
        entrypoint = ["/opt/java/bin/java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=75",
                      "-Xss512k", "-Dio.netty.jfr.enabled=false", "-Dio.netty.leakDetection.level=disabled",
                      "-Djava.awt.headless=true", "-jar", "/app/app.jar"]
        aot = not a.no_aot and jdk_major(jdk) >= 25
        if aot:   # as deploy/Dockerfile: deploy/jvm.options and a cache trained in this runtime (moved, it still maps)
            trained = train(runtime, a, work)
            app += [("/app/" + f, os.path.join(trained, f), 0o644) for f in ("jvm.options", "app.aot")]
            entrypoint = ["/opt/java/bin/java", "@/app/jvm.options", "-XX:AOTCache=/app/app.aot", "-jar", "/app/app.jar"]
        layers = [layer(base), layer(app)]
        config = {
            "architecture": "amd64", "os": "linux",
            "config": {
                "User": "65532:65532", "WorkingDir": "/app",
                # ./brisk's small-service defaults (see the launcher), sized by the container's limits
                "Env": ["PATH=/opt/java/bin", "JAVA_HOME=/opt/java", "BRISK_HOST=0.0.0.0", "MALLOC_ARENA_MAX=2"],
                "Entrypoint": entrypoint,
                "Cmd": a.cmd, "ExposedPorts": {f"{a.port}/tcp": {}},
            },
            "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(l).hexdigest() for l in layers]},
            "history": [{"created_by": "deploy/image.py: jlink " + ",".join(mods)}, {"created_by": "deploy/image.py: app.jar"}],
        }
        blobs = {}
        def blob(data):
            d = hashlib.sha256(data).hexdigest()
            blobs[d] = data
            return {"digest": "sha256:" + d, "size": len(data)}
        cfg = json.dumps(config, sort_keys=True).encode()
        manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                    "config": dict(blob(cfg), mediaType="application/vnd.oci.image.config.v1+json"),
                    "layers": [dict(blob(l), mediaType="application/vnd.oci.image.layer.v1.tar") for l in layers]}
        mdesc = dict(blob(json.dumps(manifest, sort_keys=True).encode()),
                     mediaType="application/vnd.oci.image.manifest.v1+json",
                     annotations={"org.opencontainers.image.ref.name": a.tag.split(":")[-1],
                                  "io.containerd.image.name": a.tag})
        files = {"oci-layout": json.dumps({"imageLayoutVersion": "1.0.0"}).encode(),
                 "index.json": json.dumps({"schemaVersion": 2, "manifests": [mdesc]}).encode(),
                 "manifest.json": json.dumps([{"Config": "blobs/sha256/" + manifest["config"]["digest"][7:],
                                               "RepoTags": [a.tag],
                                               "Layers": ["blobs/sha256/" + l["digest"][7:] for l in manifest["layers"]]}]).encode()}
        for d, data in blobs.items():
            files["blobs/sha256/" + d] = data
        os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
        with tarfile.open(out, "w") as tar:
            for name in ["blobs", "blobs/sha256"]:
                info = tarfile.TarInfo(name); info.type = tarfile.DIRTYPE; info.mode = 0o755
                tar.addfile(info)
            for name, data in sorted(files.items()):
                info = tarfile.TarInfo(name); info.size = len(data); info.mode = 0o644
                tar.addfile(info, io.BytesIO(data))
        size = os.path.getsize(out)
        print(f"image: {a.tag} -> {out} ({size / 1e6:.1f} MB; runtime modules: {','.join(mods)}; {len(libs)} libraries)")
        if a.check:
            check(layers, config, a.check_path, aot)
    finally:
        shutil.rmtree(work, ignore_errors=True)

def jdk_major(jdk):
    with open(os.path.join(jdk, "release")) as f:
        for line in f:
            if line.startswith("JAVA_VERSION="):
                return int(line.split('"')[1].split(".")[0])
    return 0

def train(runtime, a, work):
    """A JDK 25 AOT cache of the app, trained in the image's runtime by deploy/aot-train.sh (the training
    run deploy/Dockerfile does); returns the directory holding app.aot and jvm.options."""
    here = os.path.dirname(os.path.abspath(__file__))
    d = os.path.join(work, "train")
    os.makedirs(d)
    shutil.copy2(a.jar, os.path.join(d, "app.jar"))
    shutil.copy2(os.path.join(here, "jvm.options"), os.path.join(d, "jvm.options"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    paths = ["--paths", a.train_paths] if a.train_paths else []
    r = subprocess.run([os.path.join(here, "aot-train.sh"), "--port", str(port)] + paths + ["--", os.path.join(runtime, "bin", "java"),
                    "@" + os.path.join(d, "jvm.options"), "-XX:AOTCacheOutput=" + os.path.join(d, "app.aot"),
                    "-jar", os.path.join(d, "app.jar")] + a.cmd)
    if r.returncode != 0:
        sys.exit("image: the AOT cache's training run failed (above): the image's command must serve HTTP on "
                 "BRISK_PORT; --train-paths names what to request, --no-aot builds the image without a cache")
    return d

def check(layers, config, path, aot=False):
    """Unpacks the layers and runs the image's own entrypoint in them (chroot, the image's user)."""
    if os.geteuid() != 0:
        print("image: --check skipped (chroot needs root)")
        return
    import socket, time, urllib.request
    root = tempfile.mkdtemp(prefix="brisk-rootfs-")
    os.chmod(root, 0o755)          # it is "/" for the image's non-root user
    proc = None
    try:
        for l in layers:
            with tarfile.open(fileobj=io.BytesIO(l)) as t:
                if hasattr(tarfile, "fully_trusted_filter"):     # our own layers; older Pythons lack the argument
                    t.extractall(root, filter="fully_trusted")
                else:
                    t.extractall(root)
        user = "--userspec=" + config["config"]["User"]
        # A container runtime mounts /proc; the JVM (and glibc's $ORIGIN, which finds libjli.so) need it.
        os.makedirs(os.path.join(root, "proc"), exist_ok=True)
        mounted = subprocess.run(["mount", "-t", "proc", "proc", os.path.join(root, "proc")], capture_output=True).returncode == 0
        if not mounted:
            print("image: check: cannot mount /proc here; using LD_LIBRARY_PATH for the runtime's own libraries")
            os.environ["LD_LIBRARY_PATH"] = "/opt/java/lib:/opt/java/lib/server"
        r = subprocess.run(["chroot", user, root, "/opt/java/bin/java", "-version"], capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("image: java does not start inside the image:\n" + r.stderr)
        print("image: check: java -version inside the image: " + r.stderr.splitlines()[0])
        if not path:
            return
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = dict(e.split("=", 1) for e in config["config"]["Env"])
        if not mounted:
            env["LD_LIBRARY_PATH"] = os.environ["LD_LIBRARY_PATH"]
        env.update(BRISK_HOST="127.0.0.1", BRISK_PORT=str(port))
        argv = config["config"]["Entrypoint"] + config["config"]["Cmd"]
        if aot:   # refuse to start if the cache, trained outside the image, is not usable inside it
            argv = argv[:1] + ["-XX:AOTMode=on"] + argv[1:]
        out = tempfile.TemporaryFile()
        proc = subprocess.Popen([shutil.which("chroot"), user, root] + argv, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}{path}"
        deadline = time.time() + 90
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as res:
                    print(f"image: check: the image's entrypoint answers {url} -> {res.status} {res.read().decode()[:200]}")
                    break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    proc.kill()
                    out.seek(0)
                    sys.exit("image: the app in the image did not answer " + url + ":\n" + out.read().decode())
                time.sleep(0.3)
    finally:
        if proc and proc.poll() is None:
            proc.terminate()
            proc.wait(30)
        subprocess.run(["umount", os.path.join(root, "proc")], capture_output=True)
        if os.path.ismount(os.path.join(root, "proc")):
            sys.exit("image: could not unmount " + os.path.join(root, "proc") + "; not deleting " + root)
        shutil.rmtree(root, ignore_errors=True)

if __name__ == "__main__":
    main()
