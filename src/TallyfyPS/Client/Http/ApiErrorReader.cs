using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Turns an error answer into a <see cref="TallyfyApiException"/>: the human message from the top-level
    /// "message" (or OAuth's "error_description"), the machine code, and the field errors of a 422, whichever
    /// of the contract's shapes the body takes.
    /// </summary>
    internal static class ApiErrorReader
    {
        private const int MaxMessage = 500;

        public static TallyfyApiException Read(ApiResponse response)
        {
            string? message = null;
            string? code = null;
            Dictionary<string, string[]>? fields = null;
            var errorDetails = new Dictionary<string, string>(System.StringComparer.Ordinal);
            JsonDocument? body = response.Body;
            if (body != null && body.RootElement.ValueKind == JsonValueKind.Object)
            {
                JsonElement root = body.RootElement;
                message = TextOf(root, "message") ?? TextOf(root, "error_description");
                code = TextOf(root, "code") ?? (root.TryGetProperty("error", out JsonElement e) ? Json.TryText(e) : null);
                fields = FieldMap(root);
                if (root.TryGetProperty("error", out JsonElement nested) && nested.ValueKind == JsonValueKind.Object)
                {
                    // {"error":{"code","message","details":{...}}} (seat billing's 409 SEAT_POOL_EXHAUSTED)
                    code ??= TextOf(nested, "code");
                    message ??= TextOf(nested, "message");
                    if (nested.TryGetProperty("details", out JsonElement d) && d.ValueKind == JsonValueKind.Object)
                    {
                        foreach (JsonProperty p in d.EnumerateObject())
                        {
                            if (Json.TryText(p.Value) is string text)
                            {
                                errorDetails[p.Name] = text;
                            }
                        }
                    }
                }

                string? details = FieldErrors(root);
                if (details != null)
                {
                    message = (message is null ? string.Empty : message.TrimEnd('.') + ": ") + details;
                }
            }

            if (string.IsNullOrWhiteSpace(message))
            {
                message = ("HTTP " + response.Status.ToString(CultureInfo.InvariantCulture) + " " + ReasonOf(response.Status)).TrimEnd();
            }

            if (message!.Length > MaxMessage)
            {
                message = message.Substring(0, MaxMessage) + "...";
            }

            return new TallyfyApiException(TallyfyApiException.KindOf((HttpStatusCode)response.Status), message, response.Status, code, response.RequestId)
            {
                FieldErrors = fields,
                Details = errorDetails,
            };
        }

        /// <summary>"field: message; field: message" from a 422's errors object, or null.</summary>
        private static string? FieldErrors(JsonElement root)
        {
            if (!root.TryGetProperty("errors", out JsonElement errors) || errors.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var details = new List<string>();
            foreach (JsonProperty field in errors.EnumerateObject())
            {
                if (field.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement m in field.Value.EnumerateArray())
                    {
                        if (Json.TryText(m) is string text) details.Add(field.Name + ": " + text);
                    }
                }
                else if (Json.TryText(field.Value) is string text)
                {
                    details.Add(field.Name + ": " + text);
                }
            }

            return details.Count > 0 ? string.Join("; ", details) : null;
        }

        /// <summary>The errors object of a 400/422 as field name to messages, or null.</summary>
        private static Dictionary<string, string[]>? FieldMap(JsonElement root)
        {
            if (!root.TryGetProperty("errors", out JsonElement errors) || errors.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var map = new Dictionary<string, string[]>(System.StringComparer.Ordinal);
            foreach (JsonProperty field in errors.EnumerateObject())
            {
                var messages = new List<string>();
                if (field.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement m in field.Value.EnumerateArray())
                    {
                        if (Json.TryText(m) is string text) messages.Add(text);
                    }
                }
                else if (Json.TryText(field.Value) is string text)
                {
                    messages.Add(text);
                }

                map[field.Name] = messages.ToArray();
            }

            return map.Count > 0 ? map : null;
        }

        private static string? TextOf(JsonElement root, string name) =>
            root.TryGetProperty(name, out JsonElement v) ? Json.TryText(v) : null;

        /// <summary>The reason phrase of the statuses Tallyfy uses, for messages and trace lines.</summary>
        internal static string ReasonOf(int status)
        {
            switch (status)
            {
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 405: return "Method Not Allowed";
                case 409: return "Conflict";
                case 422: return "Unprocessable Entity";
                case 429: return "Too Many Requests";
                case 500: return "Internal Server Error";
                case 502: return "Bad Gateway";
                case 503: return "Service Unavailable";
                case 504: return "Gateway Timeout";
                default: return string.Empty;
            }
        }
    }
}
