using System;
using System.IO;
using System.Management.Automation;
using System.Text;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// A file or folder path as the user typed it (-Path, -BackupPath, -Journal), resolved to a full file-system path:
    /// one that holds a control character (a NUL cuts a path short) or that the provider cannot resolve is refused with
    /// the caller's own error (BackupFolderUnavailable, JournalNotWritable, ...), never an ArgumentException.
    /// </summary>
    internal static class PathArguments
    {
        /// <summary>The full path, or false and why not.</summary>
        public static bool TryResolve(PSCmdlet cmdlet, string path, out string full, out string why)
        {
            full = path;
            int at = TextRules.FirstControl(path);
            if (at >= 0)
            {
                why = $"the path holds {TextRules.Describe(path, at)}, and a path takes none";
                return false;
            }

            try
            {
                full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                why = string.Empty;
                return true;
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is SessionStateException || ex is IOException)
            {
                why = ex.Message;
                return false;
            }
        }

        /// <summary>The full path; or the terminating error <paramref name="error"/> makes of the path and why it cannot be used.</summary>
        public static string Resolve(PSCmdlet cmdlet, string path, Func<string, string, ErrorRecord> error)
        {
            if (!TryResolve(cmdlet, path, out string full, out string why))
            {
                cmdlet.ThrowTerminatingError(error(TextRules.Shown(path), why));
            }

            return full;
        }
    }
}
