# The README's two commands: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
DEMO_MAIL := django.core.mail.backends.filebased.EmailBackend

.PHONY: run test install setup serve lint bench messages vendor clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_plan CCHC-2021
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py sync_schedules
	$(BIN)/python manage.py recompute_compliance CCHC-2021
	@# The demo's working day: the week of reminders up to its as-of date and its Monday
	@# escalation; their e-mails (about 140) go to files rather than the terminal.
	EMAIL_BACKEND=$(DEMO_MAIL) $(BIN)/python manage.py send_reminders --plan CCHC-2021 --days 7
	EMAIL_BACKEND=$(DEMO_MAIL) $(BIN)/python manage.py send_escalations --plan CCHC-2021
	@echo "Thư minh họa (nhắc việc, leo thang): var/mail/"

serve:
	@echo "Cổng CCHC: http://127.0.0.1:$(PORT)/  (admin, noivu, head-p01 … / mật khẩu demo-2021)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

run: setup serve

test: install
	$(BIN)/python -m pytest -m "not services and not browser and not office"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

bench: install
	$(BIN)/python -m bench

messages: install
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=static
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 var staticfiles
