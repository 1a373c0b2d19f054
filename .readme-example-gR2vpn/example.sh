set -euo pipefail
OPENAI_API_KEY=${OPENAI_API_KEY:-sk-not-a-real-key}   # stored encrypted; only used when a request reaches OpenAI
ORG=$(pnpm gw-cp org create --name "Acme $RANDOM" --field id)
PROJECT=$(pnpm gw-cp project create --org "$ORG" --name chatbot --field id)
pnpm gw-cp provider create --project "$PROJECT" --type openai --name openai --api-key "$OPENAI_API_KEY"
KEY_ID=$(pnpm gw-cp key create --project "$PROJECT" --name ci \
  --config '{"model_aliases":{"fast":"openai/gpt-4o-mini"}}' --field virtual_key.id)
pnpm gw-cp key list --project "$PROJECT"
pnpm gw-cp key rotate "$KEY_ID" --grace 3600 --field key   # the new secret, shown once
pnpm gw-cp key update "$KEY_ID" --name ci-rotated --field name
pnpm gw-cp key revoke "$KEY_ID" --field status
pnpm gw-cp provider list --project "$PROJECT"
pnpm gw-cp budget create --scope project --scope-id "$PROJECT" --window month --limit-usd 500 --field id
pnpm gw-cp budget list --org "$ORG"
pnpm gw-cp spend list --project "$PROJECT" --from 2026-12-01
