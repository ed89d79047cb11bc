using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using ModeScim.PowerShell.Connections;

namespace ModeScim.PowerShell
{
    /// <summary>On Windows PowerShell 5.1 the module's dependencies (System.Text.Json and its closure) are
    /// referenced at assembly versions that differ between packages, and 5.1 has no binding redirects for a
    /// module. This resolver answers those loads from the module folder by simple name. On PowerShell 7 the
    /// runtime resolves them itself, and the host's newer copies win, so the resolver is not installed.</summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;

        public void OnImport()
        {
            if (IsNetFramework())
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModuleDirectory;
            }
        }

        public void OnRemove(PSModuleInfo module)
        {
            ConnectionRegistry.Clear();
            if (IsNetFramework())
            {
                AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromModuleDirectory;
            }
        }

        internal static bool IsNetFramework()
        {
            return RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);
        }

        private static Assembly? ResolveFromModuleDirectory(object? sender, ResolveEventArgs args)
        {
            var simpleName = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(simpleName))
            {
                return null;
            }
            var candidate = Path.Combine(ModuleDirectory, simpleName + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
