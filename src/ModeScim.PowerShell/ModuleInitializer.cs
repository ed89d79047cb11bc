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
                EnsureTls12();
            }
        }

        // Windows PowerShell 5.1 may still offer only TLS 1.0/1.1 when the machine is not set to use the
        // system default. Add TLS 1.2 then; leave "system default" alone, since it already includes newer versions.
        private static void EnsureTls12()
        {
            var current = System.Net.ServicePointManager.SecurityProtocol;
            if (current != 0 && (current & System.Net.SecurityProtocolType.Tls12) == 0)
            {
                System.Net.ServicePointManager.SecurityProtocol = current | System.Net.SecurityProtocolType.Tls12;
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
