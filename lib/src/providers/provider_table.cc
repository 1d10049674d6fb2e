// The provider table: every provider from_provider() knows, in one place.
// The README's provider table is this table (a test compares them).
#include <array>

#include "provider_config.h"

namespace instructor::providers {
namespace {

constexpr ModeSet kAllModes{Mode::tools, Mode::tools_strict, Mode::json_schema,
                            Mode::json,  Mode::md_json,      Mode::parallel_tools};

// OpenAI's own API and Azure's speak the Responses API too.
constexpr ModeSet kOpenAiModes{Mode::tools,          Mode::tools_strict,    Mode::json_schema,
                               Mode::json,           Mode::md_json,         Mode::parallel_tools,
                               Mode::responses_tools, Mode::responses_json_schema};

constexpr Quirks openai_quirks() {
  Quirks q;
  q.max_completion_tokens = true;
  q.developer_role = true;
  q.single_tool_call_flag = true;
  return q;
}

constexpr Quirks azure_quirks() {
  Quirks q = openai_quirks();
  q.azure_urls = true;
  return q;
}

constexpr Quirks mistral_quirks() {
  Quirks q;
  q.random_seed = true;
  q.stream_usage_option = false;  // usage always comes on the last chunk
  q.forced_choice = ToolChoice::any;
  q.any_choice = ToolChoice::any;
  q.tool_result_name = true;
  return q;
}

constexpr Quirks best_effort_schema_quirks() {
  Quirks q;
  q.strict_json_schema = false;
  return q;
}

constexpr Quirks openrouter_quirks() {
  Quirks q;
  q.require_parameters = true;
  return q;
}

constexpr Quirks cerebras_quirks() {
  Quirks q;
  q.max_completion_tokens = true;
  return q;
}

constexpr Quirks ollama_quirks() {
  Quirks q;
  q.strict_json_schema = false;
  q.forced_choice = ToolChoice::omitted;
  q.any_choice = ToolChoice::omitted;
  q.ollama_format = true;
  return q;
}

constexpr std::array<ProviderSpec, 16> kProviders = {{
    {"openai", "OpenAI", WireFormat::openai_chat, "https://api.openai.com/v1", "OPENAI_BASE_URL", Auth::bearer,
     "OPENAI_API_KEY", true, Mode::tools, kOpenAiModes, openai_quirks(),
     "`max_completion_tokens`; `developer` role; strict tools and schemas; RESPONSES_TOOLS and RESPONSES_JSON_SCHEMA "
     "use the Responses API (`/v1/responses`)"},
    {"azure_openai", "Azure OpenAI", WireFormat::openai_chat, "", "AZURE_OPENAI_ENDPOINT", Auth::api_key,
     "AZURE_OPENAI_API_KEY", true, Mode::tools, kOpenAiModes, azure_quirks(),
     "the model is the deployment; `/openai/deployments/{model}/chat/completions?api-version=` "
     "(`AZURE_OPENAI_API_VERSION`, default 2024-10-21), or `/openai/v1` when the version is `v1` or the endpoint ends "
     "in `/openai/v1`; `api-key` header; the Responses modes use `/openai/v1/responses` (or "
     "`/openai/responses?api-version=` when a dated version is set)"},
    {"anthropic", "Anthropic", WireFormat::anthropic_messages, "https://api.anthropic.com", "ANTHROPIC_BASE_URL",
     Auth::x_api_key, "ANTHROPIC_API_KEY", true, Mode::tools,
     {Mode::tools, Mode::tools_strict, Mode::json_schema, Mode::json, Mode::md_json, Mode::parallel_tools}, Quirks{},
     "Messages API (`/v1/messages`), `anthropic-version: 2023-06-01`; `max_tokens` always sent (4096 unless set); "
     "`system` top-level; TOOLS forces `tool_choice {\"type\":\"tool\"}`; TOOLS_STRICT adds `strict: true` and the "
     "structured-output dialect; JSON_SCHEMA is `output_config.format`; "
     "usage counts cache writes and reads as input"},
    {"google", "Google Gemini", WireFormat::gemini, "https://generativelanguage.googleapis.com",
     "GOOGLE_GEMINI_BASE_URL", Auth::goog_api_key, "GEMINI_API_KEY", true, Mode::tools,
     {Mode::tools, Mode::json_schema, Mode::json, Mode::md_json, Mode::parallel_tools}, Quirks{},
     "Gemini API `/v1beta/models/{model}:generateContent` (`:streamGenerateContent?alt=sse`); TOOLS is "
     "`functionCallingConfig` ANY with the allowed names; JSON_SCHEMA is `responseJsonSchema` (`responseSchema` with "
     "`ClientOptions::gemini_openapi_schema`); thought parts "
     "skipped, `thoughtSignature` echoed on re-asks; blocked prompts and safety finishes are `content_filter`",
     "GOOGLE_API_KEY"},
    {"mistral", "Mistral", WireFormat::openai_chat, "https://api.mistral.ai/v1", "MISTRAL_BASE_URL", Auth::bearer,
     "MISTRAL_API_KEY", true, Mode::tools, {Mode::tools, Mode::json_schema, Mode::json, Mode::md_json, Mode::parallel_tools},
     mistral_quirks(), "`tool_choice: \"any\"`; `random_seed`; usage always on the last chunk"},
    {"groq", "Groq", WireFormat::openai_chat, "https://api.groq.com/openai/v1", "GROQ_BASE_URL", Auth::bearer,
     "GROQ_API_KEY", true, Mode::tools, {Mode::tools, Mode::json_schema, Mode::json, Mode::md_json, Mode::parallel_tools},
     best_effort_schema_quirks(),
     "schemas best-effort (not strict); a 400 `json_validate_failed` is re-asked with its `failed_generation`; "
     "stream usage in `x_groq.usage`"},
    {"together", "Together AI", WireFormat::openai_chat, "https://api.together.xyz/v1", "TOGETHER_BASE_URL",
     Auth::bearer, "TOGETHER_API_KEY", true, Mode::tools,
     {Mode::tools, Mode::json_schema, Mode::json, Mode::md_json, Mode::parallel_tools}, best_effort_schema_quirks(),
     "schemas best-effort; tools on some models"},
    {"deepseek", "DeepSeek", WireFormat::openai_chat, "https://api.deepseek.com/v1", "DEEPSEEK_BASE_URL", Auth::bearer,
     "DEEPSEEK_API_KEY", true, Mode::tools, {Mode::tools, Mode::json, Mode::md_json, Mode::parallel_tools}, Quirks{},
     "`json_object` only (no `json_schema`); usage adds `prompt_cache_hit_tokens` / `prompt_cache_miss_tokens`"},
    {"openrouter", "OpenRouter", WireFormat::openai_chat, "https://openrouter.ai/api/v1", "OPENROUTER_BASE_URL",
     Auth::bearer, "OPENROUTER_API_KEY", true, Mode::tools, kAllModes, openrouter_quirks(),
     "sends `provider.require_parameters: true`; usage `cost`; in-stream errors"},
    {"fireworks", "Fireworks AI", WireFormat::openai_chat, "https://api.fireworks.ai/inference/v1",
     "FIREWORKS_BASE_URL", Auth::bearer, "FIREWORKS_API_KEY", true, Mode::tools,
     {Mode::tools, Mode::json_schema, Mode::json, Mode::md_json, Mode::parallel_tools}, best_effort_schema_quirks(),
     "schemas best-effort"},
    {"xai", "xAI", WireFormat::openai_chat, "https://api.x.ai/v1", "XAI_BASE_URL", Auth::bearer, "XAI_API_KEY", true,
     Mode::tools, kAllModes, Quirks{}, ""},
    {"cerebras", "Cerebras", WireFormat::openai_chat, "https://api.cerebras.ai/v1", "CEREBRAS_BASE_URL", Auth::bearer,
     "CEREBRAS_API_KEY", true, Mode::tools, {Mode::tools, Mode::tools_strict, Mode::json_schema, Mode::json, Mode::md_json},
     cerebras_quirks(), "`max_completion_tokens`; no parallel tool calls"},
    {"ollama", "Ollama (OpenAI-compatible /v1)", WireFormat::openai_chat, "http://127.0.0.1:11434/v1", "OLLAMA_HOST",
     Auth::bearer, "", false, Mode::json_schema, {Mode::tools, Mode::json_schema, Mode::json, Mode::md_json},
     ollama_quirks(),
     "no key; `OLLAMA_HOST` is `host:port` or a URL (`/v1` added); no `tool_choice`, so TOOLS relies on the prompt; "
     "`json_schema` becomes Ollama's `format`"},
    {"openai_compatible", "Any OpenAI-compatible server", WireFormat::openai_chat, "", "OPENAI_COMPATIBLE_BASE_URL",
     Auth::bearer, "OPENAI_COMPATIBLE_API_KEY", false, Mode::json_schema, kAllModes, best_effort_schema_quirks(),
     "vLLM, llama.cpp server, LM Studio...: the base URL is required (`ClientOptions::base_url` or the variable), the "
     "key optional; `json_schema` in the nested form llama.cpp needs"},
    {"ollama_native", "Ollama (native /api/chat)", WireFormat::ollama_chat, "http://127.0.0.1:11434", "OLLAMA_HOST",
     Auth::bearer, "OLLAMA_API_KEY", false, Mode::json_schema,
     {Mode::tools, Mode::json_schema, Mode::json, Mode::md_json, Mode::parallel_tools}, ollama_quirks(),
     "`/api/chat`; `OLLAMA_HOST` as for `ollama`, without `/v1`; the key only for Ollama Cloud; the schema in "
     "`format` (`\"json\"` in JSON mode); NDJSON streaming; no `tool_choice`, so TOOLS relies on the prompt"},
    {"cohere", "Cohere (v2 chat)", WireFormat::cohere_chat, "https://api.cohere.com", "CO_API_URL", Auth::bearer,
     "CO_API_KEY", true, Mode::tools, kAllModes, Quirks{},
     "`/v2/chat`; `tool_choice: \"REQUIRED\"` (one tool offered, so it is the one called); `strict_tools` for "
     "TOOLS_STRICT; `response_format` `json_object` with the schema in `json_schema`; usage from `tokens`, "
     "`billed_units` as extras"},
}};

}  // namespace

std::span<const ProviderSpec> provider_table() { return kProviders; }

const ProviderSpec* find_provider(std::string_view name) {
  for (const ProviderSpec& spec : kProviders)
    if (spec.name == name) return &spec;
  return nullptr;
}

std::string provider_names() {
  std::string names;
  for (const ProviderSpec& spec : kProviders) {
    if (!names.empty()) names += ", ";
    names += spec.name;
  }
  return names;
}

}  // namespace instructor::providers
