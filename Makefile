# Dealer CRM — see README.md. Everything installed lives outside the clone
# (DEALER_CRM_HOME, default ~/.local/share/dealer-crm).
.PHONY: run test test-upstream setup bench pot serve serve-stop replica replica-stop replica-drop backup restore drill

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

test-upstream:
	@bash scripts/test-upstream.sh

setup:
	@bash scripts/setup.sh

bench:
	@bash bench/run.sh

pot:
	@bash scripts/export-pot.sh

serve:
	@bash scripts/serve.sh

serve-stop:
	@bash scripts/serve-stop.sh

replica:
	@bash scripts/replica.sh

replica-stop:
	@bash scripts/replica.sh stop

replica-drop:
	@bash scripts/replica.sh drop

backup:
	@bash scripts/backup.sh

restore:
	@bash scripts/restore.sh "$(FILE)" $(NAME)

drill:
	@bash scripts/drill.sh
