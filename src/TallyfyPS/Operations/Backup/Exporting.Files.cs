using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using TallyfyPS.Client;
using static TallyfyPS.Client.TallyfyApi;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>Backups: writing a run's file and its index row, or finding the file current.</summary>
    internal sealed partial class TallyfyOperations
    {
        /// <summary>Writes the file (whole or not at all, read back, hash checked); a failure is the outcome's.</summary>
        private static void Write(ExportOutcome outcome, BackupStore store, BackupHeader header, JsonElement run, IReadOnlyList<JsonElement> activity)
        {
            if (header.Missing.Count == 0)
            {
                BackupDocument.CheckComplete(run, header.RunId);
            }

            byte[] content = BackupDocument.Build(header, run, activity);
            string path = store.FileOf(header.RunId);
            try
            {
                outcome.Sha256 = store.Write(path, content);
            }
            catch (IOException ex)
            {
                outcome.Status = TallyfyExportStatus.Failed;
                outcome.WriteFailed = true;
                outcome.Message = $"The backup could not be written to {path}: {ex.Message}";
                outcome.Error = new TallyfyApiException(TallyfyErrorKind.ClientError, outcome.Message, inner: ex);
                return;
            }

            outcome.File = path;
            outcome.Bytes = content.LongLength;
            outcome.Status = TallyfyExportStatus.Exported;
            outcome.LastUpdated = Json.Date(run, "last_updated");
            outcome.ArchivedAt = header.ArchivedAt;
            outcome.Missing = header.Missing;
            outcome.Row = Row(run, header.ArchivedAt, System.IO.Path.GetFileName(path), outcome.Sha256, header.ExportedAt);
            outcome.Row.LastUpdated = header.LastUpdated ?? outcome.Row.LastUpdated;
            if (header.LastUpdated != null)
            {
                outcome.LastUpdated = DateTimeOffset.TryParse(header.LastUpdated, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset lu) ? lu : outcome.LastUpdated;
            }
        }

        /// <summary>The file in the folder records the run as it is now: it is read back and its hash taken, nothing is written.</summary>
        private static ExportOutcome Current(ExportOutcome outcome, BackupDocument existing, KnownState state)
        {
            try
            {
                outcome.Sha256 = BackupStore.HashOf(existing.Path);
                outcome.Bytes = new FileInfo(existing.Path).Length;
            }
            catch (IOException ex)
            {
                outcome.Status = TallyfyExportStatus.Failed;
                outcome.WriteFailed = true;
                outcome.Message = $"The backup {existing.Path} is current but cannot be read back: {ex.Message}";
                outcome.Error = new TallyfyApiException(TallyfyErrorKind.ClientError, outcome.Message, inner: ex);
                return outcome;
            }

            outcome.Status = TallyfyExportStatus.Current;
            outcome.File = existing.Path;
            outcome.LastUpdated = existing.LastUpdated;
            outcome.ArchivedAt = existing.ArchivedAt;
            outcome.Missing = existing.Missing;
            outcome.RestoredForExport = false;
            outcome.StateAfter = state;
            outcome.Message = $"The backup {existing.Path} is current (the run's last_updated is the one it records); nothing was written." +
                (existing.Complete ? string.Empty : $" It is not complete: it lacks {BackupDocument.Describe(existing.Missing)} (Export-TallyfyRun -RestoreToRead reads the run whole).");
            outcome.Row = Row(existing.Run, existing.ArchivedAt, System.IO.Path.GetFileName(existing.Path), outcome.Sha256, existing.ExportedAt ?? DateTimeOffset.UtcNow);
            outcome.Row.LastUpdated = Json.String(existing.Root, "last_updated") ?? outcome.Row.LastUpdated;
            return outcome;
        }

        private static BackupIndexRow Row(JsonElement run, DateTimeOffset? archivedAt, string file, string sha256, DateTimeOffset exportedAt) => new BackupIndexRow
        {
            RunId = Json.String(run, "id") ?? string.Empty,
            Name = Json.String(run, "name"),
            Status = Json.String(run, "status"),
            CreatedAt = Json.String(run, "created_at"),
            StartedAt = Json.String(run, "started_at"),
            CompletedAt = Json.String(run, "completed_at"),
            ArchivedAt = archivedAt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? Json.String(run, "archived_at"),
            LastUpdated = Json.String(run, "last_updated"),
            File = file,
            Sha256 = sha256,
            ExportedAt = exportedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
