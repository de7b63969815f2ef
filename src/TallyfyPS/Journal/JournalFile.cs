using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TallyfyPS.Files;
using TallyfyPS.Model;

namespace TallyfyPS.Journal
{
    /// <summary>
    /// A journal of a bulk call: one JSON line per event, appended and flushed the moment it happens, so a process
    /// killed at any point loses at most the items under way. The first line says what the journal is for; then a
    /// "step" line when a change is sent for an item and a "result" line when its result is known. A half-written
    /// last line (the process died while writing it) is ignored and cut off before more is appended. While a call
    /// writes a journal, a lock file beside it (<c>.lock</c>) keeps a second call from writing it too; readers are
    /// not kept out. Both files are created the user's only on Unix (<see cref="PrivateFiles"/>).
    /// </summary>
    public sealed class JournalFile : IDisposable
    {
        public const string Format = "TallyfyPS.Journal";
        public const int Version = 1;

        private readonly object _gate = new object();
        private readonly FileStream _lock;
        private readonly FileStream _stream;
        private readonly Dictionary<string, JournalEntry> _entries;
        private bool _disposed;

        private JournalFile(string path, JournalHeader header, Dictionary<string, JournalEntry> entries, FileStream stream, FileStream lockFile)
        {
            Path = path;
            Header = header;
            _entries = entries;
            _stream = stream;
            _lock = lockFile;
        }

        public string Path { get; }

        public JournalHeader Header { get; }

        /// <summary>What the journal held when it was opened, by item key.</summary>
        public IReadOnlyDictionary<string, JournalEntry> Entries => _entries;

        /// <summary>
        /// Opens the journal at <paramref name="path"/> for a call described by <paramref name="call"/>: creates it,
        /// or reads what an earlier call of the same kind wrote (and cuts off a half-written last line).
        /// </summary>
        public static JournalFile Open(string path, JournalHeader call)
        {
            FileStream? lockFile = null;
            FileStream? stream = null;
            try
            {
                try
                {
                    lockFile = PrivateFiles.Open(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                }
                catch (IOException ex) when (!(ex is FileNotFoundException) && !(ex is DirectoryNotFoundException))
                {
                    throw new JournalException(JournalProblem.InUse, path, $"Another call is writing the journal '{path}' (its lock file '{path}.lock' is held).", ex);
                }

                stream = PrivateFiles.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.None);
                JournalHeader header;
                Dictionary<string, JournalEntry> entries;
                if (stream.Length == 0)
                {
                    header = call;
                    entries = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
                    WriteLine(stream, w => WriteHeader(w, call));
                }
                else
                {
                    long complete = Parse(stream, path, out header, out entries, out bool unterminated);
                    string? mismatch = header.Mismatch(call);
                    if (mismatch != null)
                    {
                        throw new JournalException(JournalProblem.Mismatch, path, $"The journal '{path}' cannot be used by this call: {mismatch}.");
                    }

                    stream.SetLength(complete); // a half-written last line goes
                    stream.Seek(0, SeekOrigin.End);
                    if (unterminated)
                    {
                        // A whole last line whose newline was not written: end it before appending.
                        stream.WriteByte((byte)'\n');
                        stream.Flush();
                    }
                }

                return new JournalFile(path, header, entries, stream, lockFile);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || ex is DirectoryNotFoundException || (ex is IOException && !(ex is JournalException)))
            {
                stream?.Dispose();
                lockFile?.Dispose();
                throw new JournalException(JournalProblem.CannotWrite, path, $"The journal '{path}' cannot be written: {ex.Message}", ex);
            }
            catch
            {
                stream?.Dispose();
                lockFile?.Dispose();
                throw;
            }
        }

        /// <summary>Reads a journal without writing it (it may be in use by a running call).</summary>
        public static (JournalHeader Header, IReadOnlyList<JournalEntry> Entries) Read(string path)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                Parse(stream, path, out JournalHeader header, out Dictionary<string, JournalEntry> entries, out _);
                return (header, new List<JournalEntry>(entries.Values));
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || (ex is IOException && !(ex is JournalException)))
            {
                throw new JournalException(ex is FileNotFoundException || ex is DirectoryNotFoundException ? JournalProblem.Unreadable : JournalProblem.CannotWrite,
                    path, $"The journal '{path}' cannot be read: {ex.Message}", ex);
            }
        }

        /// <summary>Notes that a change is being sent for an item (before its request).</summary>
        public void Step(string key, string step) => Append(w =>
        {
            w.WriteStartObject();
            w.WriteString("key", key);
            w.WriteString("step", step);
            w.WriteString("at", DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        });

        /// <summary>Writes an item's result.</summary>
        public void Result(string key, TallyfyOperationResult result) => Append(w =>
        {
            w.WriteStartObject();
            w.WriteString("key", key);
            w.WriteString("type", result.GetType().Name);
            w.WritePropertyName("result");
            ResultCodec.Write(w, result);
            w.WriteEndObject();
        });

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _stream.Dispose();
                _lock.Dispose();
            }
        }

        private void Append(Action<Utf8JsonWriter> line)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                try
                {
                    WriteLine(_stream, line);
                }
                catch (IOException ex)
                {
                    throw new JournalException(JournalProblem.CannotWrite, Path, $"The journal '{Path}' could not be written: {ex.Message}", ex);
                }
            }
        }

        /// <summary>One line, whole, then flushed to the operating system (which keeps it if this process dies).</summary>
        private static void WriteLine(FileStream stream, Action<Utf8JsonWriter> write)
        {
            var buffer = new MemoryStream();
            // Relaxed escaping: the file stays readable ("+01:00", names in any language); it is never embedded in HTML.
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                write(w);
            }

            buffer.WriteByte((byte)'\n');
            stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            stream.Flush();
        }

        private static void WriteHeader(Utf8JsonWriter w, JournalHeader h)
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("version", Version);
            w.WriteString("command", h.Command);
            w.WriteString("action", h.Action);
            w.WriteString("organizationId", h.OrganizationId);
            w.WriteString("createdAt", h.CreatedAt.ToString("o", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        /// <summary>Reads every complete line; returns where the last complete line ends.</summary>
        private static long Parse(Stream stream, string path, out JournalHeader header, out Dictionary<string, JournalEntry> entries, out bool unterminated)
        {
            unterminated = false;
            stream.Seek(0, SeekOrigin.Begin);
            var bytes = new byte[stream.Length];
            int read = StreamReading.ReadFully(stream, bytes);

            entries = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
            JournalHeader? found = null;
            long complete = 0;
            int lineNumber = 0;
            // A byte-order mark (an editor saved the file) is not part of the first line.
            int start = read >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            while (start < read)
            {
                int end = Array.IndexOf(bytes, (byte)'\n', start, read - start);
                bool last = end < 0;
                int length = (last ? read : end) - start;
                lineNumber++;
                try
                {
                    using JsonDocument doc = JsonDocument.Parse(new ReadOnlyMemory<byte>(bytes, start, length));
                    if (found is null)
                    {
                        found = ReadHeader(doc.RootElement, path);
                    }
                    else
                    {
                        ReadEvent(doc.RootElement, entries);
                    }

                    if (last)
                    {
                        unterminated = true;
                        complete = read;
                        break;
                    }

                    complete = end + 1;
                }
                catch (JsonException) when (last)
                {
                    break; // the process died while writing this line
                }
                catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException || ex is ArgumentException || ex is KeyNotFoundException || ex is OverflowException)
                {
                    throw new JournalException(JournalProblem.Unreadable, path, $"The journal '{path}' is damaged at line {lineNumber.ToString(CultureInfo.InvariantCulture)}: {ex.Message}", ex);
                }

                start = end + 1;
            }

            header = found ?? throw new JournalException(JournalProblem.Unreadable, path, $"'{path}' is not a TallyfyPS journal: it has no first line saying what it records.");
            return complete;
        }

        private static JournalHeader ReadHeader(JsonElement e, string path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("format", out JsonElement format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            {
                throw new JournalException(JournalProblem.Unreadable, path, $"'{path}' is not a TallyfyPS journal (its first line does not say \"format\": \"{Format}\").");
            }

            // The format version: a whole number. One this reader does not know is refused as newer; anything else is damage.
            if (!e.TryGetProperty("version", out JsonElement version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int number) || number < 1)
            {
                throw new FormatException($"its first line has no format version (a whole number from 1), but {(e.TryGetProperty("version", out JsonElement v) ? "\"version\": " + v.GetRawText() : "no \"version\"")}");
            }

            if (number > Version)
            {
                throw new JournalException(JournalProblem.Unreadable, path,
                    $"The journal '{path}' was written by a newer TallyfyPS (format version {number.ToString(CultureInfo.InvariantCulture)}); this one reads version {Version.ToString(CultureInfo.InvariantCulture)}. Read it with that newer TallyfyPS.");
            }

            string created = Text(e, "createdAt");
            if (!DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset createdAt))
            {
                throw new FormatException($"its \"createdAt\" is not a date: '{created}'");
            }

            return new JournalHeader(Text(e, "command"), Text(e, "action"), Text(e, "organizationId"), createdAt);
        }

        /// <summary>A property that a line must hold as text: its value, or a FormatException that names it.</summary>
        private static string Text(JsonElement e, string name) =>
            e.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is string text
                ? text
                : throw new FormatException(e.TryGetProperty(name, out _) ? $"its \"{name}\" is not text" : $"it has no \"{name}\"");

        private static void ReadEvent(JsonElement e, Dictionary<string, JournalEntry> entries)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("it is not a JSON object");
            }

            string key = Text(e, "key");
            bool isStep = e.TryGetProperty("step", out _);
            string? type = null;
            TallyfyOperationResult? result = null;
            if (!isStep)
            {
                if (!e.TryGetProperty("type", out _))
                {
                    throw new FormatException("it has neither a \"step\" nor a \"type\" with a \"result\"");
                }

                type = Text(e, "type");
                if (!e.TryGetProperty("result", out JsonElement json))
                {
                    throw new FormatException("it has no \"result\"");
                }

                result = ResultCodec.Read(type, json) ?? throw new FormatException($"a result of unknown type '{type}'");
            }

            if (!entries.TryGetValue(key, out JournalEntry? entry))
            {
                entry = new JournalEntry(key);
                entries.Add(key, entry);
            }

            if (isStep)
            {
                entry.AddStep(Text(e, "step"));
            }
            else
            {
                entry.SetResult(result!);
            }
        }
    }
}
