using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// One run's backup file (docs/backup-format.md, schemas/tallyfy-run-backup.schema.json): a header, the run as the
    /// service answered it (its with= relations: kick-off answers, tags, folders, tasks with form fields and comments),
    /// and the run's activity entries as the service answered them. The service's JSON is kept as read.
    /// </summary>
    internal sealed class BackupDocument : IDisposable
    {
        public const string Format = "tallyfyps-run-backup";
        public const int FormatVersion = 1;

        private readonly JsonDocument _json;

        private BackupDocument(JsonDocument json, string path)
        {
            _json = json;
            Path = path;
        }

        public string Path { get; }

        public JsonElement Root => _json.RootElement;

        public JsonElement Run => Root.GetProperty("run");

        public JsonElement Activity => Root.GetProperty("activity");

        public string RunId => Root.GetProperty("run_id").GetString()!;

        public string? RunName => Json.String(Root, "run_name");

        public int Version => Root.GetProperty("format_version").GetInt32();

        public string OrganizationId => Json.String(Root, "organization_id") ?? string.Empty;

        public DateTimeOffset? ExportedAt => Json.Date(Root, "exported_at");

        public DateTimeOffset? LastUpdated => Json.Date(Root, "last_updated");

        public DateTimeOffset? ArchivedAt => Json.Date(Root, "archived_at");

        public bool RestoredForExport => Json.Bool(Root, "restored_for_export") ?? false;

        /// <summary>Whether the file holds the run whole (files written before "complete" existed do).</summary>
        public bool Complete => Json.Bool(Root, "complete") ?? true;

        /// <summary>What the file could not hold, named as in with= (empty for a whole backup).</summary>
        public IReadOnlyList<string> Missing =>
            Root.TryGetProperty("missing", out JsonElement m) && m.ValueKind == JsonValueKind.Array
                ? m.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray()
                : Array.Empty<string>();

        public string? ModuleVersion => Json.String(Root, "module_version");

        public string? SourceUrl => Json.String(Root, "source_url");

        public void Dispose() => _json.Dispose();

        /// <summary>The bytes of a backup file.</summary>
        internal static byte[] Build(BackupHeader header, JsonElement run, IReadOnlyList<JsonElement> activity)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteString("format", Format);
                w.WriteNumber("format_version", FormatVersion);
                w.WriteString("exported_at", Iso(header.ExportedAt));
                w.WriteString("module_version", header.ModuleVersion);
                w.WriteString("organization_id", header.OrganizationId);
                w.WriteString("source_url", header.SourceUrl);
                w.WriteString("run_id", header.RunId);
                w.WriteString("run_name", header.RunName);
                if (header.LastUpdated is string lastUpdated)
                {
                    w.WriteString("last_updated", lastUpdated);
                }
                else
                {
                    w.WriteNull("last_updated");
                }

                if (header.ArchivedAt is DateTimeOffset archivedAt)
                {
                    w.WriteString("archived_at", Iso(archivedAt));
                }
                else
                {
                    w.WriteNull("archived_at");
                }

                w.WriteBoolean("restored_for_export", header.RestoredForExport);
                w.WriteBoolean("complete", header.Missing.Count == 0);
                w.WriteStartArray("missing");
                foreach (string part in header.Missing)
                {
                    w.WriteStringValue(part);
                }

                w.WriteEndArray();
                w.WritePropertyName("run");
                run.WriteTo(w);
                w.WriteStartArray("activity");
                foreach (JsonElement entry in activity)
                {
                    entry.WriteTo(w);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            stream.WriteByte((byte)'\n');
            return stream.ToArray();
        }

        /// <summary>
        /// Refuses an answer that would make a lossy backup: the run must be the one asked for, with its tasks, and each
        /// task with its form fields and comments (a service that ignored a with= value, or a broken answer).
        /// </summary>
        /// <exception cref="TallyfyApiException">InvalidResponse: what is missing.</exception>
        internal static void CheckComplete(JsonElement run, string id)
        {
            string? Missing()
            {
                if (run.ValueKind != JsonValueKind.Object || !string.Equals(Json.String(run, "id"), id, StringComparison.OrdinalIgnoreCase))
                {
                    return "is not the run asked for";
                }

                foreach (string relation in new[] { "tasks", "tags", "ko_form_fields" })
                {
                    if (!IsWrappedList(run, relation))
                    {
                        return $"has no '{relation}' list";
                    }
                }

                foreach (JsonElement task in run.GetProperty("tasks").GetProperty("data").EnumerateArray())
                {
                    if (task.ValueKind != JsonValueKind.Object || Json.String(task, "id") is null)
                    {
                        return "has a task without an id";
                    }

                    if (!IsWrappedList(task, "form_fields") || !IsWrappedList(task, "threads"))
                    {
                        return $"has task {Json.String(task, "id")} without its form fields or comments";
                    }
                }

                return null;
            }

            if (Missing() is string what)
            {
                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                    $"The service's answer for the run {what}, so a backup of it would not be whole; nothing was written.");
            }
        }

        /// <summary>
        /// What an archived run's answer lets a backup hold: refuses (as <see cref="CheckComplete"/>) an answer that is not
        /// the run or whose tasks have no ids, and names every relation it lacks. An archived run's comments are always
        /// missing: Tallyfy hides them (its threads lists are empty) until the run is restored.
        /// </summary>
        /// <exception cref="TallyfyApiException">InvalidResponse: not the run asked for.</exception>
        internal static IReadOnlyList<string> MissingOf(JsonElement run, string id, bool archived)
        {
            if (run.ValueKind != JsonValueKind.Object || !string.Equals(Json.String(run, "id"), id, StringComparison.OrdinalIgnoreCase))
            {
                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse, "The service's answer for the run is not the run asked for; nothing was written.");
            }

            var missing = new List<string>();
            if (!IsWrappedList(run, "tasks"))
            {
                missing.Add("tasks");
            }
            else
            {
                var tasks = run.GetProperty("tasks").GetProperty("data").EnumerateArray().ToList();
                if (tasks.Any(t => t.ValueKind != JsonValueKind.Object || Json.String(t, "id") is null))
                {
                    throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse, "The service's answer for the run has a task without an id; nothing was written.");
                }

                if (tasks.Any(t => !IsWrappedList(t, "form_fields")))
                {
                    missing.Add("tasks.form_fields");
                }

                if (archived || tasks.Any(t => !IsWrappedList(t, "threads")))
                {
                    missing.Add("tasks.threads");
                }
            }

            foreach (string relation in new[] { "tags", "ko_form_fields", "folders" })
            {
                if (!IsWrappedList(run, relation))
                {
                    missing.Add(relation);
                }
            }

            return missing;
        }

        /// <summary>What is missing, in words: "the comments of its tasks (tasks.threads)".</summary>
        internal static string Describe(IReadOnlyList<string> missing) => string.Join(", ", missing.Select(m => m switch
        {
            "tasks.threads" => "the comments of its tasks (tasks.threads)",
            "tasks.form_fields" => "the form fields of each task (tasks.form_fields)",
            "tasks" => "its tasks (tasks)",
            "tags" => "its tags (tags)",
            "ko_form_fields" => "its kick-off fields (ko_form_fields)",
            "folders" => "its folders (folders)",
            _ => m,
        }));

        private static bool IsWrappedList(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out JsonElement rel) && rel.ValueKind == JsonValueKind.Object &&
            rel.TryGetProperty("data", out JsonElement data) && data.ValueKind == JsonValueKind.Array;

        private static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        /// <summary>Reads a backup file and checks that it follows the format (what the schema requires).</summary>
        /// <exception cref="BackupFormatException">Not a backup, truncated, or not in the format.</exception>
        public static BackupDocument Read(string path)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new BackupFormatException(path, $"It cannot be read: {ex.Message}", ex);
            }

            return Parse(bytes, path);
        }

        internal static BackupDocument Parse(byte[] bytes, string path)
        {
            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(bytes);
            }
            catch (JsonException ex)
            {
                throw new BackupFormatException(path, bytes.Length == 0
                    ? "It is empty."
                    : $"It is not complete JSON (truncated or damaged at byte {ex.BytePositionInLine ?? 0} of line {(ex.LineNumber ?? 0) + 1}).", ex);
            }

            try
            {
                Check(json.RootElement, path);
                return new BackupDocument(json, path);
            }
            catch
            {
                json.Dispose();
                throw;
            }
        }

        private static void Check(JsonElement root, string path)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new BackupFormatException(path, "It is JSON, but not an object, so not a TallyfyPS run backup.");
            }

            if (Json.String(root, "format") != Format)
            {
                throw new BackupFormatException(path, $"It is JSON, but not a TallyfyPS run backup (its \"format\" is not \"{Format}\").");
            }

            if (!root.TryGetProperty("format_version", out JsonElement version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int v))
            {
                throw new BackupFormatException(path, "It has no format_version.");
            }

            if (v != FormatVersion)
            {
                throw new BackupFormatException(path, $"It is of format version {v}; this module reads version {FormatVersion}. Use a module version that wrote it.");
            }

            foreach (string name in new[] { "exported_at", "organization_id", "run_id", "module_version", "source_url" })
            {
                if (!root.TryGetProperty(name, out JsonElement p) || p.ValueKind != JsonValueKind.String || p.GetString()!.Length == 0)
                {
                    throw new BackupFormatException(path, $"Its header has no \"{name}\".");
                }
            }

            if (Ids.Normalize(root.GetProperty("run_id").GetString()) is null)
            {
                throw new BackupFormatException(path, "Its run_id is not a Tallyfy id (32 hex characters).");
            }

            if (!root.TryGetProperty("run", out JsonElement run) || run.ValueKind != JsonValueKind.Object)
            {
                throw new BackupFormatException(path, "It holds no run.");
            }

            if (Json.String(run, "id") is not string runId || !string.Equals(runId, root.GetProperty("run_id").GetString(), StringComparison.OrdinalIgnoreCase))
            {
                throw new BackupFormatException(path, "Its run has no id, or another id than its header's run_id.");
            }

            if (!root.TryGetProperty("activity", out JsonElement activity) || activity.ValueKind != JsonValueKind.Array)
            {
                throw new BackupFormatException(path, "It has no activity list.");
            }
        }
    }
}
