using System;
using System.Linq;
using System.Text.Json;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>Reads a backup file back as the module's objects, mapped from the service's JSON it keeps.</summary>
    internal static class BackupReader
    {
        /// <exception cref="BackupFormatException">Not a backup, truncated, or not in the format.</exception>
        public static TallyfyRunBackup Read(string path)
        {
            using BackupDocument doc = BackupDocument.Read(path);
            try
            {
                string org = doc.OrganizationId;
                TallyfyRun run = Mapper.Run(doc.Run, org);
                if (run.ArchivedAt is null && doc.ArchivedAt is DateTimeOffset archivedAt)
                {
                    // Restored to be read, archived again afterwards: the run is archived as it was before.
                    run.ArchivedAt = new TallyfyTimestamp(archivedAt);
                }

                foreach (TallyfyTask task in run.Tasks)
                {
                    task.RunId ??= run.Id;
                    task.IsOneOff = false;
                    foreach (TallyfyComment comment in task.Comments)
                    {
                        comment.RunId = run.Id;
                        comment.OrganizationId = org;
                    }
                }

                return new TallyfyRunBackup
                {
                    RunId = run.Id,
                    Name = run.Name,
                    Run = run,
                    Tasks = run.Tasks,
                    Comments = run.Comments,
                    Activity = new TallyfyList<TallyfyActivity>(doc.Activity.EnumerateArray().Select(e => Mapper.Activity(e, org))),
                    ExportedAt = doc.ExportedAt is DateTimeOffset at ? new TallyfyTimestamp(at) : null,
                    ArchivedAt = doc.ArchivedAt is DateTimeOffset a ? new TallyfyTimestamp(a) : run.ArchivedAt,
                    RestoredForExport = doc.RestoredForExport,
                    Complete = doc.Complete,
                    Missing = doc.Missing.Count == 0 ? null : string.Join(", ", doc.Missing),
                    OrganizationId = org,
                    FormatVersion = doc.Version,
                    ModuleVersion = doc.ModuleVersion,
                    SourceUrl = doc.SourceUrl,
                    File = doc.Path,
                };
            }
            catch (Exception ex) when (ex is TallyfyApiException || ex is InvalidOperationException || ex is FormatException || ex is JsonException)
            {
                throw new BackupFormatException(path, $"Its run or activity is not what the format holds: {ex.Message}", ex);
            }
        }
    }
}
