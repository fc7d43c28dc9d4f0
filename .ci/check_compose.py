"""Checks docker-compose.yml's structure where `docker compose config` is not available (no compose plugin)."""
import pathlib
import sys

import yaml

compose = yaml.safe_load(pathlib.Path(sys.argv[1]).read_text())
services = compose["services"]
problems = []
for name in ("postgres", "temporal", "temporal-ui", "app"):
    if name not in services:
        problems.append(f"service {name} is missing")
for name, service in services.items():
    if "image" not in service and "build" not in service:
        problems.append(f"service {name} has neither image nor build")
    for dependency in service.get("depends_on", {}):
        if dependency not in services:
            problems.append(f"service {name} depends on unknown service {dependency}")
app_env = services.get("app", {}).get("environment", {})
for variable in ("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "TEMPORAL_ADDRESS", "JWT_SECRET",
                 "CREDENTIALS_MASTER_KEYSET"):
    if variable not in app_env:
        problems.append(f"app does not set {variable}")
if "build" in services.get("app", {}) and not pathlib.Path("Dockerfile").is_file():
    problems.append("app is built from a Dockerfile that does not exist")
if services.get("temporal", {}).get("environment", {}).get("POSTGRES_SEEDS") != "postgres":
    problems.append("temporal does not use the postgres service")

if problems:
    print("docker-compose.yml:", *problems, sep="\n  ")
    sys.exit(1)
print(f"docker-compose.yml: {len(services)} services, wiring checked")
