using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using TallyfyPS.Model;

namespace TallyfyPS
{
    /// <summary>
    /// Serves System.Text.Json and its polyfills from the module's <c>dependencies/</c> folder,
    /// and only to the module's own assembly. On PowerShell 7 the framework already has a newer
    /// System.Text.Json, the default load succeeds and this handler is never asked; on Windows
    /// PowerShell 5.1 it is what makes the module load without polluting other modules.
    /// The pattern of PSResourceGet's ModuleInitAndCleanup.cs.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyFolder = Path.Combine(
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty,
            "dependencies");

        private static readonly Assembly Self = typeof(ModuleInitializer).Assembly;

        public void OnImport()
        {
            AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;
            SessionStore.Clear();
        }

        internal static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
        {
            // Answer only our own requests (or a dependency asking for a sibling we shipped).
            Assembly? requester = args.RequestingAssembly;
            if (requester is null)
            {
                return null;
            }

            bool fromUs = requester == Self ||
                (!string.IsNullOrEmpty(requester.Location) &&
                 string.Equals(Path.GetDirectoryName(requester.Location), DependencyFolder, StringComparison.OrdinalIgnoreCase));
            if (!fromUs)
            {
                return null;
            }

            string name = new AssemblyName(args.Name).Name ?? string.Empty;
            string candidate = Path.Combine(DependencyFolder, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
