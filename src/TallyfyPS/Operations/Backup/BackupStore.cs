using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using TallyfyPS.Client;
using TallyfyPS.Files;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// A backup folder: one file per run (<c>&lt;run id&gt;.json</c>) and <c>index.csv</c>. Every file is written
    /// whole or not at all (a temporary file in the same folder, flushed to disk, then renamed over the old one),
    /// then read back and its SHA-256 checked against what was meant to be written. Files and folders it creates are
    /// the user's only on Unix (<see cref="PrivateFiles"/>). The first write of a call to a folder removes the module's
    /// own temporary files there that a killed process left behind (<see cref="StaleAge"/>).
    /// </summary>
    internal sealed class BackupStore
    {
        public const string IndexFileName = "index.csv";

        /// <summary>
        /// How old a temporary file of the module's own pattern must be before a write to its folder removes it. A write
        /// keeps its temporary file for as long as one file takes to be written and flushed (seconds at most), so a file
        /// this old was left by a process that died: removing it cannot take one from a write under way.
        /// </summary>
        public static readonly TimeSpan StaleAge = TimeSpan.FromMinutes(10);

        // The module's temporary files, and only them: ".<run id>.json.<8 hex>.tmp" and ".index.csv.<8 hex>.tmp".
        private static readonly Regex TemporaryName = new Regex(@"^\.([0-9a-f]{32}\.json|index\.csv)\.[0-9a-f]{8}\.tmp$", RegexOptions.CultureInvariant);

        private int _swept;

        public BackupStore(string folder)
        {
            Folder = System.IO.Path.GetFullPath(folder);
        }

        /// <summary>The folder's full path.</summary>
        public string Folder { get; }

        /// <summary>Creates the folder if needed.</summary>
        /// <exception cref="IOException">It cannot be created (or a file of that name is in the way).</exception>
        public void Ensure()
        {
            if (File.Exists(Folder))
            {
                throw new IOException($"'{Folder}' is a file, not a folder.");
            }

            PrivateFiles.CreateFolder(Folder);
        }

        /// <summary>
        /// Removes the temporary files of the module's own pattern in the folder that are older than <see cref="StaleAge"/>
        /// (left by a process killed while it wrote; each holds a whole run). Nothing else is touched; a file that cannot
        /// be removed is left for the next time. Returns how many were removed.
        /// </summary>
        public int RemoveStaleTemporaryFiles()
        {
            int removed = 0;
            DateTime before = DateTime.UtcNow - StaleAge;
            try
            {
                foreach (string path in Directory.EnumerateFiles(Folder, ".*.tmp"))
                {
                    if (TemporaryName.IsMatch(System.IO.Path.GetFileName(path)) && File.GetLastWriteTimeUtc(path) < before)
                    {
                        try
                        {
                            File.Delete(path);
                            removed++;
                        }
                        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                        {
                            // In use or not ours to remove: left as it is.
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // The folder cannot be listed: the write itself will say what is wrong.
            }

            return removed;
        }

        public string FileOf(string runId) => System.IO.Path.Combine(Folder, runId.ToLowerInvariant() + ".json");

        /// <summary>The run's backup in this folder, if there is a readable one (null otherwise: none, or damaged).</summary>
        internal BackupDocument? Existing(string runId)
        {
            string path = FileOf(runId);
            if (!File.Exists(path))
            {
                return null;
            }

            try
            {
                return BackupDocument.Read(path);
            }
            catch (BackupFormatException)
            {
                return null; // a damaged file is written again
            }
        }

        /// <summary>Writes a file whole or not at all, reads it back and checks its hash.</summary>
        /// <returns>The SHA-256 of the file as read back, lowercase hex.</returns>
        /// <exception cref="IOException">Writing, renaming or reading back failed, or what was read back differs.</exception>
        internal string Write(string path, byte[] content)
        {
            if (Interlocked.Exchange(ref _swept, 1) == 0)
            {
                RemoveStaleTemporaryFiles(); // the first write of this call to the folder
            }

            string temp = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!,
                "." + System.IO.Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var stream = PrivateFiles.Open(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(content, 0, content.Length);
                    stream.Flush(true);
                }

                if (File.Exists(path))
                {
                    File.Replace(temp, path, null);
                }
                else
                {
                    File.Move(temp, path);
                }
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new IOException(ex.Message, ex);
            }
            finally
            {
                try
                {
                    if (File.Exists(temp))
                    {
                        File.Delete(temp);
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    // Nothing more to do: the rename did not happen, and the temporary file is named as one.
                }
            }

            string expected = Sha256(content);
            string actual = HashOf(path);
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                throw new IOException($"'{path}' read back differs from what was written (SHA-256 {actual}, expected {expected}).");
            }

            return actual;
        }

        /// <summary>The SHA-256 of a file's bytes as read from disk, lowercase hex.</summary>
        /// <exception cref="IOException">It cannot be read.</exception>
        internal static string HashOf(string path)
        {
            try
            {
                using var stream = File.OpenRead(path);
                using var sha = SHA256.Create();
                return Hex(sha.ComputeHash(stream));
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new IOException(ex.Message, ex);
            }
        }

        internal static string Sha256(byte[] content)
        {
            using var sha = SHA256.Create();
            return Hex(sha.ComputeHash(content));
        }

        private static string Hex(byte[] hash)
        {
            var sb = new StringBuilder(hash.Length * 2);
            foreach (byte b in hash)
            {
                sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return sb.ToString();
        }

        /// <summary>
        /// Rewrites index.csv whole (temporary file, then rename): the rows of earlier calls, with the rows given
        /// replacing those of the same runs. Rows are ordered by run id.
        /// </summary>
        public void WriteIndex(IEnumerable<BackupIndexRow> rows)
        {
            var merged = new SortedDictionary<string, BackupIndexRow>(StringComparer.OrdinalIgnoreCase);
            foreach (BackupIndexRow old in ReadIndex())
            {
                merged[old.RunId] = old;
            }

            foreach (BackupIndexRow row in rows)
            {
                merged[row.RunId] = row;
            }

            var sb = new StringBuilder();
            sb.Append(string.Join(",", BackupIndexRow.Columns.Select(Quote))).Append("\r\n");
            foreach (BackupIndexRow row in merged.Values)
            {
                sb.Append(string.Join(",", row.Values().Select(Quote))).Append("\r\n");
            }

            Write(System.IO.Path.Combine(Folder, IndexFileName), new UTF8Encoding(false).GetBytes(sb.ToString()));
        }

        /// <summary>The rows of index.csv (none when there is no index, or it cannot be read).</summary>
        public IReadOnlyList<BackupIndexRow> ReadIndex()
        {
            string path = System.IO.Path.Combine(Folder, IndexFileName);
            if (!File.Exists(path))
            {
                return Array.Empty<BackupIndexRow>();
            }

            List<List<string>> records = Csv(File.ReadAllText(path, Encoding.UTF8));
            if (records.Count == 0)
            {
                return Array.Empty<BackupIndexRow>();
            }

            List<string> header = records[0];
            var rows = new List<BackupIndexRow>();
            foreach (List<string> record in records.Skip(1))
            {
                var row = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                for (int i = 0; i < header.Count && i < record.Count; i++)
                {
                    row[header[i]] = Unguard(record[i]);
                }

                if (BackupIndexRow.From(row) is BackupIndexRow r)
                {
                    rows.Add(r);
                }
            }

            return rows;
        }

        // A cell a spreadsheet would take as a formula (=, +, -, @, tab, carriage return first) gets a leading ', which
        // spreadsheets show as text and do not display; so does a cell that begins with ' itself, so that reading the
        // file back removes exactly one ' from any cell that has one, and gives every value as it was.
        private static bool Guarded(string value) => value.Length > 0 && "=+-@\t\r'".IndexOf(value[0]) >= 0;

        /// <summary>A cell as written: a value a spreadsheet would run as a formula is kept as text (see <see cref="Guarded"/>).</summary>
        internal static string Guard(string value) => Guarded(value) ? "'" + value : value;

        /// <summary>A cell as read back: the value that was written.</summary>
        internal static string Unguard(string cell) => cell.Length > 1 && cell[0] == '\'' && Guarded(cell.Substring(1)) ? cell.Substring(1) : cell;

        private static string Quote(string? value)
        {
            if (value is null)
            {
                return string.Empty;
            }

            value = Guard(value);
            return value.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 || value.Trim() != value
                ? "\"" + value.Replace("\"", "\"\"") + "\""
                : value;
        }

        /// <summary>RFC 4180 records.</summary>
        private static List<List<string>> Csv(string text)
        {
            var records = new List<List<string>>();
            var record = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            bool any = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i++;
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        field.Append(c);
                    }

                    continue;
                }

                switch (c)
                {
                    case '"':
                        quoted = true;
                        any = true;
                        break;
                    case ',':
                        record.Add(field.ToString());
                        field.Clear();
                        any = true;
                        break;
                    case '\r':
                        break;
                    case '\n':
                        record.Add(field.ToString());
                        field.Clear();
                        records.Add(record);
                        record = new List<string>();
                        any = false;
                        break;
                    default:
                        field.Append(c);
                        any = true;
                        break;
                }
            }

            if (any || field.Length > 0)
            {
                record.Add(field.ToString());
                records.Add(record);
            }

            return records;
        }
    }
}
