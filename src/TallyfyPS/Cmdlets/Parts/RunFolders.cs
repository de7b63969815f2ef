using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// What Add-TallyfyRunFolder and Remove-TallyfyRunFolder share: the folder (a folder of runs, resolved once per call
    /// before any other request), what each run's folders are (the item's state once read; else from the input: a run
    /// read with -Include Folders, a result of these cmdlets for the same folder), and which runs the call has claimed.
    /// </summary>
    internal sealed class RunFolders
    {
        private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public RunFolders(TallyfyFolder folder)
        {
            TheFolder = folder;
        }

        /// <summary>The folder, resolved.</summary>
        public TallyfyFolder TheFolder { get; }

        /// <summary>-Folder as given: a folder object (of runs), an id, a path or a name; a terminating error when it names no folder of runs.</summary>
        public static TallyfyFolder Resolve(TallyfyCmdlet cmdlet, TallyfyApi api, string organizationId, object value)
        {
            object plain = value is PSObject ps ? ps.BaseObject : value;
            string text = plain is TallyfyFolder given ? given.Id : Convert.ToString(plain, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            return FolderArguments.Resolve(cmdlet, api, organizationId, text, "-Folder", "Nothing was sent.");
        }

        /// <summary>The runs of this call, each with its folders once read (null until then).</summary>
        public static IEnumerable<WorkItem<TallyfyList<TallyfyFolder>?>> Items(IEnumerable<WorkItem> input) =>
            input.Select(item => new WorkItem<TallyfyList<TallyfyFolder>?>(item, null));

        /// <summary>The run's folders, where known: from its read, or from the input run when it was read with its folders.</summary>
        public TallyfyList<TallyfyFolder>? FoldersOf(WorkItem<TallyfyList<TallyfyFolder>?> item)
        {
            if (item.State is TallyfyList<TallyfyFolder> read)
            {
                return read;
            }

            switch (item.Target)
            {
                case TallyfyRun run when run.FoldersKnown && string.Equals(run.Id, item.Id, StringComparison.OrdinalIgnoreCase):
                    return run.Folders;
                case TallyfyRunFolderResult result when string.Equals(result.FolderId, TheFolder.Id, StringComparison.OrdinalIgnoreCase) &&
                                                       string.Equals(result.RunId, item.Id, StringComparison.OrdinalIgnoreCase):
                    if ((result.Status == TallyfyRunFolderStatus.Added || result.Status == TallyfyRunFolderStatus.AlreadyInFolder) && !string.IsNullOrEmpty(result.FolderObjectId))
                    {
                        return new TallyfyList<TallyfyFolder>(new[] { new TallyfyFolder { Id = TheFolder.Id, Name = TheFolder.Name, Path = TheFolder.Path, FolderObjectId = result.FolderObjectId } });
                    }

                    return result.Status == TallyfyRunFolderStatus.Removed || result.Status == TallyfyRunFolderStatus.NotInFolder ? TallyfyList<TallyfyFolder>.Empty : null;
                default:
                    return null;
            }
        }

        /// <summary>This folder among the run's, where the run's folders are known and hold it.</summary>
        public TallyfyFolder? OnRun(WorkItem<TallyfyList<TallyfyFolder>?> item) =>
            FoldersOf(item)?.FirstOrDefault(f => string.Equals(f.Id, TheFolder.Id, StringComparison.OrdinalIgnoreCase));

        /// <summary>Claims the run for this call (in input order): false when an earlier input of the call already files or unfiles it.</summary>
        public bool Claim(WorkItem item) => _claimed.Add(item.Id);

        /// <summary>The read of the run with its folders (they become the item's state).</summary>
        public static Func<RequestCounter, Task<RecordState>> Read(TallyfyApi api, string organizationId, WorkItem<TallyfyList<TallyfyFolder>?> item) => async requests =>
        {
            TallyfyRun run = await api.GetRunAsync(organizationId, item.Id, RunInclude.Folders, requests).ConfigureAwait(false);
            item.State = run.Folders;
            return new RecordState(run.IsArchived ? KnownState.Archived : KnownState.Live, run.Name, run.ArchivedAt?.Value);
        };

        /// <summary>An outcome settled without sending anything.</summary>
        public static RunFolderOutcome Unchanged(WorkItem item, TallyfyRunFolderStatus status, string message, string? folderObjectId = null) => new RunFolderOutcome
        {
            Name = item.Name,
            Status = status,
            Message = message,
            FolderObjectId = folderObjectId,
        };

        public TallyfyRunFolderResult? Result(WorkItem item, RunFolderOutcome? outcome) => outcome is null ? null : new TallyfyRunFolderResult
        {
            RunId = item.Id,
            RunName = outcome.Name ?? item.Name,
            FolderId = TheFolder.Id,
            FolderPath = string.IsNullOrEmpty(TheFolder.Path) ? TheFolder.Name : TheFolder.Path,
            Status = outcome.Status,
            FolderObjectId = outcome.FolderObjectId,
        };
    }
}
