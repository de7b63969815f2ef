using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;

using TallyfyPS.Client;
using TallyfyPS.Files;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// The durable record of archived runs restored only to be read (Export-TallyfyRun -RestoreToRead,
    /// Remove-TallyfyRun -Permanent -BackupPath): written to the per-user state folder (<see cref="StateFiles"/>) and
    /// flushed before the restore is sent, held locked by its call until the run is archived again, then removed. A
    /// call killed in between leaves it unlocked; the next call for the organization claims it and archives the run.
    /// One file per run: <c>&lt;state&gt;/restored-runs/&lt;organization&gt;/&lt;run id&gt;.json</c>.
    /// </summary>
    internal static class RestoreLedger
    {
        /// <summary>The folder of an organization's records.</summary>
        public static string FolderOf(string organizationId) => Path.Combine(StateFiles.Folder(), "restored-runs", organizationId.ToLowerInvariant());

        /// <summary>Records, durably, that <paramref name="runId"/> is about to be restored to be read; the record stays locked until disposed.</summary>
        /// <exception cref="IOException">The record cannot be written (or another call is restoring the same run).</exception>
        /// <exception cref="UnauthorizedAccessException">The state folder cannot be written.</exception>
        public static RestoreIntent Begin(string organizationId, Uri baseUri, string runId, string? name, DateTimeOffset? archivedAt, string command)
        {
            string folder = FolderOf(organizationId);
            StateFiles.EnsureFolder(folder);
            string path = Path.Combine(folder, runId.ToLowerInvariant() + ".json");
            FileStream stream = StateFiles.CreateLocked(path);
            try
            {
                using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    w.WriteStartObject();
                    w.WriteString("run_id", runId);
                    w.WriteString("run_name", name);
                    w.WriteString("organization_id", organizationId);
                    w.WriteString("base_uri", Key(baseUri));
                    if (archivedAt is DateTimeOffset a)
                    {
                        w.WriteString("archived_at", a.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        w.WriteNull("archived_at");
                    }

                    w.WriteString("restored_at", DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture));
                    w.WriteString("command", command);
                    w.WriteNumber("process_id", System.Diagnostics.Process.GetCurrentProcess().Id);
                    w.WriteEndObject();
                }

                stream.Flush(true);
                return new RestoreIntent(path, stream, new LeftRestoredRun(runId, name, archivedAt));
            }
            catch
            {
                stream.Dispose();
                TryDelete(path);
                throw;
            }
        }

        /// <summary>
        /// The records of <paramref name="organizationId"/> on <paramref name="baseUri"/> that no call holds any more (its
        /// call ended without archiving the run again), each locked for the caller. A record that cannot be read is
        /// claimed with what its file name says.
        /// </summary>
        public static IReadOnlyList<RestoreIntent> Claim(string organizationId, Uri baseUri)
        {
            string folder = FolderOf(organizationId);
            string[] files;
            try
            {
                if (!Directory.Exists(folder))
                {
                    return Array.Empty<RestoreIntent>();
                }

                files = Directory.GetFiles(folder, "*.json");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return Array.Empty<RestoreIntent>();
            }

            var claimed = new List<RestoreIntent>();
            foreach (string path in files.OrderBy(f => f, StringComparer.Ordinal))
            {
                FileStream? stream = StateFiles.OpenLocked(path);
                if (stream is null)
                {
                    continue;
                }

                LeftRestoredRun? run = Read(stream, Path.GetFileNameWithoutExtension(path), baseUri, out bool otherService);
                if (otherService || run is null)
                {
                    stream.Dispose();
                    continue;
                }

                claimed.Add(new RestoreIntent(path, stream, run));
            }

            return claimed;
        }

        private static LeftRestoredRun? Read(FileStream stream, string fileId, Uri baseUri, out bool otherService)
        {
            otherService = false;
            try
            {
                var bytes = new byte[Math.Min(stream.Length, 64 * 1024)];
                int read = StreamReading.ReadFully(stream, bytes);

                using JsonDocument doc = JsonDocument.Parse(new ReadOnlyMemory<byte>(bytes, 0, read));
                JsonElement root = doc.RootElement;
                if (Json.String(root, "base_uri") is string b && !string.Equals(b, Key(baseUri), StringComparison.OrdinalIgnoreCase))
                {
                    otherService = true;
                    return null;
                }

                string? id = Ids.Normalize(Json.String(root, "run_id")) ?? Ids.Normalize(fileId);
                return id is null ? null : new LeftRestoredRun(id, Json.String(root, "run_name"), Json.Date(root, "archived_at"));
            }
            catch (Exception ex) when (ex is JsonException || ex is IOException || ex is ArgumentException)
            {
                // Torn by a kill while it was written (before the restore was sent): the id is in its name.
                return Ids.Normalize(fileId) is string id ? new LeftRestoredRun(id, null, null) : null;
            }
        }

        private static string Key(Uri baseUri) => baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');

        internal static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Left behind: the next call finds the run archived and clears it.
            }
        }
    }

    /// <summary>A run an earlier call restored to read it: its id, name and when it had been archived.</summary>
    internal sealed class LeftRestoredRun
    {
        public LeftRestoredRun(string runId, string? name, DateTimeOffset? archivedAt)
        {
            RunId = runId;
            Name = name;
            ArchivedAt = archivedAt;
        }

        public string RunId { get; }

        public string? Name { get; }

        /// <summary>When the run had been archived before it was restored (Tallyfy records a new date when it is archived again).</summary>
        public DateTimeOffset? ArchivedAt { get; }
    }

    /// <summary>One record of <see cref="RestoreLedger"/>, locked while held: <see cref="Clear"/> once the run is archived again, else dispose to keep it.</summary>
    internal sealed class RestoreIntent : IDisposable
    {
        private readonly string _path;
        private FileStream? _stream;

        internal RestoreIntent(string path, FileStream stream, LeftRestoredRun run)
        {
            _path = path;
            _stream = stream;
            Run = run;
        }

        public LeftRestoredRun Run { get; }

        public string Path => _path;

        /// <summary>The run is archived again (or gone): the record is removed.</summary>
        public void Clear()
        {
            if (!PrivateFiles.UnixModes)
            {
                Dispose();
                RestoreLedger.TryDelete(_path);
            }
            else
            {
                RestoreLedger.TryDelete(_path); // removed while still locked, so no other call claims it meanwhile
                Dispose();
            }
        }

        /// <summary>Lets the record go, kept: the next call for the organization archives the run.</summary>
        public void Dispose()
        {
            _stream?.Dispose();
            _stream = null;
        }
    }
}
