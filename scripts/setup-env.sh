# Sourced by ./run and ./test: creates .venv, installs gongkai with its test extras when
# pyproject.toml changed, compiles the translations and sets DEBUG=true (unless DEBUG is set).
# Needs only Python 3.11+.
set -euo pipefail

PYTHON_BIN=${PYTHON:-python3}
if ! "$PYTHON_BIN" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "gongkai needs Python 3.11 or newer; $PYTHON_BIN is $("$PYTHON_BIN" --version 2>&1)." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> Creating the virtual environment in .venv"
  "$PYTHON_BIN" -m venv .venv
fi

stamp=".venv/.installed-$(cat pyproject.toml | "$PYTHON_BIN" -c 'import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:16])')"
if [ ! -f "$stamp" ]; then
  echo "==> Installing gongkai and its dependencies"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[test,pdf]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# Compile locale/*.po -> .mo with Babel, which works without GNU gettext: the templates' and
# Python's strings (django) and the record editor's JavaScript ones (djangojs, console:jsi18n).
for domain in django djangojs; do
  .venv/bin/pybabel compile --statistics -d gongkai/locale -D "$domain" 2>&1 | grep -v '^compiling' || true
done

export PATH="$PWD/.venv/bin:$PATH"
export DJANGO_SETTINGS_MODULE=gongkai.settings
# gongkai's DEBUG is off unless the environment turns it on, so that a production process
# cannot forget to; ./run and ./test are development: on, unless the caller chose.
export DEBUG="${DEBUG:-true}"
