using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Reads run backups (written by Export-TallyfyRun or Remove-TallyfyRun -BackupPath) back as TallyfyRunBackup
    /// objects: the run, its tasks with form fields, comments and activity, so a deleted run can still be searched and
    /// reported on. Needs no connection. A file that is not a backup, is truncated or does not follow the format is one
    /// error (InvalidBackup); the others are read all the same.
    /// </summary>
    [Cmdlet(VerbsData.Import, "TallyfyBackup", HelpUri = HelpLinks.Base + "Import-TallyfyBackup.md", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(TallyfyRunBackup))]
    public sealed class ImportTallyfyBackupCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralSet = "LiteralPath";

        /// <summary>Backup files or folders of backups; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        /// <summary>Backup files or folders, taken as written (no wildcards); binds FileInfo objects from Get-ChildItem.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralSet)]
        [Alias("PSPath", "FullName", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = new string[0];

        /// <summary>Also read the backups in the folders' subfolders.</summary>
        [Parameter]
        public SwitchParameter Recurse { get; set; }

        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == LiteralSet;
            foreach (string given in literal ? LiteralPath : Path)
            {
                foreach (string file in Files(given, literal))
                {
                    TallyfyRunBackup backup;
                    try
                    {
                        backup = BackupReader.Read(file);
                    }
                    catch (BackupFormatException ex)
                    {
                        WriteError(Errors.InvalidBackup(ex));
                        continue;
                    }

                    WriteObject(backup);
                }
            }
        }

        /// <summary>The backup files a path names: the file, or a folder's *.json files (sorted), or what a wildcard matches.</summary>
        private IEnumerable<string> Files(string given, bool literal)
        {
            var paths = new List<string>();
            if (literal || !WildcardPattern.ContainsWildcardCharacters(given))
            {
                if (PathArguments.TryResolve(this, given, out string full, out _) && (File.Exists(full) || Directory.Exists(full)))
                {
                    paths.Add(full);
                }
            }
            else
            {
                try
                {
                    paths.AddRange(GetResolvedProviderPathFromPSPath(given, out ProviderInfo _));
                }
                catch (ItemNotFoundException)
                {
                    // told below
                }
            }

            if (paths.Count == 0)
            {
                WriteError(Errors.BackupNotFound(given));
                yield break;
            }

            foreach (string path in paths)
            {
                if (Directory.Exists(path))
                {
                    IEnumerable<string> files = Directory.EnumerateFiles(path, "*.json", Recurse ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                        .Where(f => !System.IO.Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal)) // temporary files of a write under way
                        .OrderBy(f => f, StringComparer.Ordinal);
                    foreach (string f in files)
                    {
                        yield return f;
                    }
                }
                else
                {
                    yield return path;
                }
            }
        }
    }
}
