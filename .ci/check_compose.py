"""Checks docker-compose.yml's structure where `docker compose config` is not available (no compose plugin): the wiring,
and the deployment's trust boundaries (design.md): pinned images, only the app published, the Web UI, Prometheus and
Grafana on 127.0.0.1, the Web UI with the codec endpoint, Temporal's frontend on the compose network only, separate
database roles, secrets from files that are not committed, mounted config files that exist, production mode."""
import pathlib
import re
import subprocess
import sys

import yaml

compose_path = pathlib.Path(sys.argv[1])
compose = yaml.safe_load(compose_path.read_text())
services = compose["services"]
problems = []
for name in ("postgres", "temporal", "temporal-ui", "app", "prometheus", "grafana"):
    if name not in services:
        problems.append(f"service {name} is missing")
for name, service in services.items():
    if "image" not in service and "build" not in service:
        problems.append(f"service {name} has neither image nor build")
    image = service.get("image")
    if image is not None and (":" not in image or image.rsplit(":", 1)[1] in ("", "latest")):
        problems.append(f"service {name} uses image {image} without a pinned tag")
    for dependency in service.get("depends_on", {}):
        if dependency not in services:
            problems.append(f"service {name} depends on unknown service {dependency}")
    # No password, secret or key written into the file: they come from secret files or the operator's environment.
    for variable, value in (service.get("environment") or {}).items():
        if re.search(r"PASSWORD|PWD|SECRET|KEYSET|API_KEY", variable) and not variable.endswith("_FILE"):
            if value not in (None, "") and not str(value).startswith("${"):
                problems.append(f"service {name} writes {variable} into docker-compose.yml")
    for env_file in service.get("env_file", []):
        if not str(env_file).startswith("./secrets/"):
            problems.append(f"service {name} reads env file {env_file} outside ./secrets")

# Published ports: the app only, and the operators' tools (Web UI, Prometheus, Grafana) on 127.0.0.1 only.
for name, service in services.items():
    for port in service.get("ports", []):
        port = str(port)
        if name == "app":
            continue
        if name in ("temporal-ui", "codec-proxy", "prometheus", "grafana") and port.startswith("127.0.0.1:"):
            continue
        problems.append(f"service {name} publishes {port}")
if services.get("temporal", {}).get("ports") or services.get("temporal", {}).get("expose"):
    problems.append("temporal's frontend must be reachable on the compose network only")
ui_env = services.get("temporal-ui", {}).get("environment", {})
# The Web UI calls the codec endpoint from the operator's browser: codec-proxy's address on this machine, which adds
# the operator token (a secret) that the app's codec endpoint requires and forwards to it on the compose network.
codec_proxy = services.get("codec-proxy", {})
proxy_ports = [str(port) for port in codec_proxy.get("ports", [])]
if not proxy_ports or not all(port.startswith("127.0.0.1:") for port in proxy_ports):
    problems.append("codec-proxy must be published on 127.0.0.1 only")
elif ui_env.get("TEMPORAL_CODEC_ENDPOINT") != "http://" + proxy_ports[0].rsplit(":", 1)[0]:
    problems.append("temporal-ui does not use codec-proxy's address as its codec endpoint")
proxy_secrets = {s.get("source") if isinstance(s, dict) else s for s in codec_proxy.get("secrets", [])}
if "operator_token" not in proxy_secrets:
    problems.append("codec-proxy does not hold the operator_token secret")
proxy_config = compose.get("configs", {}).get("codec_proxy", {}).get("content", "")
if "http://app:8080/api/v1/codec" not in proxy_config:
    problems.append("codec-proxy does not forward to the app's codec endpoint http://app:8080/api/v1/codec")

# The app: production mode, its own runtime role, Flyway as the owner, secrets from files.
app = services.get("app", {})
app_env = app.get("environment", {})
app_secret_targets = {s.get("target") if isinstance(s, dict) else s for s in app.get("secrets", [])}
for variable in ("DATABASE_URL", "DATABASE_USER", "DATABASE_MIGRATION_USER", "TEMPORAL_ADDRESS"):
    if variable not in app_env:
        problems.append(f"app does not set {variable}")
for variable in (
    "DATABASE_PASSWORD",
    "DATABASE_MIGRATION_PASSWORD",
    "JWT_SECRET",
    "CREDENTIALS_PUBLIC_KEYSET",
    "CREDENTIALS_PRIVATE_KEYSET",
    "CREDENTIALS_FINGERPRINT_KEY",
    "API_DATA_KEYSET",
    "PAYLOAD_CODEC_KEYSET",
    "OPERATOR_TOKEN",
):
    if variable not in app_secret_targets:
        problems.append(f"app does not read {variable} from a secret file")
if app_env.get("ALGOMARKET_MODE") != "production":
    problems.append("app does not run in production mode (ALGOMARKET_MODE=production)")
if str(app_env.get("PAPER_SERVE", "false")).lower() == "true":
    problems.append("app serves the paper venue, which only the embedded default does")
temporal_env = services.get("temporal", {}).get("environment", {})
postgres_env = services.get("postgres", {}).get("environment", {})
roles = {
    "app runtime": app_env.get("DATABASE_USER"),
    "app owner": app_env.get("DATABASE_MIGRATION_USER"),
    "temporal": temporal_env.get("POSTGRES_USER"),
    "superuser": postgres_env.get("POSTGRES_USER", "postgres"),
}
if len(set(roles.values())) != len(roles):
    problems.append(f"database roles are shared: {roles}")

# Secret files: declared, under ./secrets, and not tracked by git.
for name, secret in (compose.get("secrets") or {}).items():
    path = secret.get("file", "")
    if not path.startswith("./secrets/"):
        problems.append(f"secret {name} is read from {path}, not ./secrets")
ignored = subprocess.run(
    ["git", "check-ignore", "-q", "secrets/jwt_secret"], cwd=compose_path.resolve().parent, check=False
).returncode == 0
if not ignored:
    problems.append("./secrets is not git-ignored")
# Files mounted as configs exist (Prometheus's scrape configuration, Grafana's provisioning and dashboards).
for name, config in (compose.get("configs") or {}).items():
    if "file" in config and not (compose_path.resolve().parent / config["file"]).is_file():
        problems.append(f"config {name} reads {config['file']}, which does not exist")
if "build" in app and not pathlib.Path("Dockerfile").is_file():
    problems.append("app is built from a Dockerfile that does not exist")
if temporal_env.get("POSTGRES_SEEDS") != "postgres":
    problems.append("temporal does not use the postgres service")

if problems:
    print("docker-compose.yml:", *problems, sep="\n  ")
    sys.exit(1)
print(f"docker-compose.yml: {len(services)} services, wiring and trust boundaries checked")
