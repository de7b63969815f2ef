using System.Collections.Generic;
using System.IO;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// The index rows of one call's backups, collected from the results as they are made, and index.csv rewritten
    /// from them once at the end of the call (however it ends), merged with the rows of earlier calls.
    /// </summary>
    internal sealed class BackupIndexWriter
    {
        private readonly object _gate = new object();
        private readonly List<BackupIndexRow> _rows = new List<BackupIndexRow>();
        private bool _written;

        public BackupIndexWriter(BackupStore store)
        {
            Store = store;
        }

        public BackupStore Store { get; }

        public void Add(BackupIndexRow? row)
        {
            if (row is null)
            {
                return;
            }

            lock (_gate)
            {
                _rows.Add(row);
            }
        }

        /// <summary>Writes index.csv (once per call); the message of a failure, or null.</summary>
        public string? Write()
        {
            List<BackupIndexRow> rows;
            lock (_gate)
            {
                if (_written)
                {
                    return null;
                }

                _written = true;
                rows = new List<BackupIndexRow>(_rows);
            }

            if (rows.Count == 0 && File.Exists(Path.Combine(Store.Folder, BackupStore.IndexFileName)))
            {
                return null; // nothing new: the index stands as it is
            }

            try
            {
                Store.WriteIndex(rows);
                return null;
            }
            catch (IOException ex)
            {
                return $"The index {Path.Combine(Store.Folder, BackupStore.IndexFileName)} could not be written: {ex.Message}";
            }
            catch (System.UnauthorizedAccessException ex)
            {
                return $"The index {Path.Combine(Store.Folder, BackupStore.IndexFileName)} could not be written: {ex.Message}";
            }
        }
    }
}
