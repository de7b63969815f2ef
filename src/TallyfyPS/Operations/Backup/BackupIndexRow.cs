using System;
using System.Collections.Generic;
using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>One line of a backup folder's index.csv.</summary>
    internal sealed class BackupIndexRow
    {
        public static readonly IReadOnlyList<string> Columns = new[]
        {
            "RunId", "Name", "Status", "CreatedAt", "StartedAt", "CompletedAt", "ArchivedAt", "LastUpdated", "File", "Sha256", "ExportedAt",
        };

        public string RunId { get; set; } = string.Empty;
        public string? Name { get; set; }
        public string? Status { get; set; }
        public string? CreatedAt { get; set; }
        public string? StartedAt { get; set; }
        public string? CompletedAt { get; set; }
        public string? ArchivedAt { get; set; }
        public string? LastUpdated { get; set; }

        /// <summary>The file's name, relative to the folder.</summary>
        public string File { get; set; } = string.Empty;
        public string Sha256 { get; set; } = string.Empty;
        public string? ExportedAt { get; set; }

        internal string?[] Values() => new[] { RunId, Name, Status, CreatedAt, StartedAt, CompletedAt, ArchivedAt, LastUpdated, File, Sha256, ExportedAt };

        internal static BackupIndexRow? From(IReadOnlyDictionary<string, string> row)
        {
            string? Get(string k) => row.TryGetValue(k, out string? v) && v.Length > 0 ? v : null;
            string? id = Get("RunId");
            if (id is null)
            {
                return null;
            }

            return new BackupIndexRow
            {
                RunId = id,
                Name = Get("Name"),
                Status = Get("Status"),
                CreatedAt = Get("CreatedAt"),
                StartedAt = Get("StartedAt"),
                CompletedAt = Get("CompletedAt"),
                ArchivedAt = Get("ArchivedAt"),
                LastUpdated = Get("LastUpdated"),
                File = Get("File") ?? string.Empty,
                Sha256 = Get("Sha256") ?? string.Empty,
                ExportedAt = Get("ExportedAt"),
            };
        }
    }
}
