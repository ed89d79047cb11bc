using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using ModeScim.PowerShell.Connections;

namespace ModeScim.PowerShell
{
    /// <summary>Runs when the module is imported: refuses a PowerShell 7 older than the module can run on, and on
    /// Windows PowerShell 5.1 installs the resolver for the module's own dependencies (see
    /// <see cref="DependencyResolver"/>). On PowerShell 7 the runtime resolves them itself, and the host's newer
    /// copies win, so no resolver is installed there.</summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;
        private static DependencyResolver? _resolver;

        public void OnImport()
        {
            var refusal = RuntimeRequirement.Refusal(IsNetFramework(), typeof(PSObject).Assembly.GetName().Version ?? new Version(0, 0));
            if (refusal != null)
            {
                throw new PSNotSupportedException(refusal);
            }
            if (IsNetFramework())
            {
                _resolver = new DependencyResolver(ModuleDirectory);
                _resolver.AddReferencesOf(typeof(ModuleInitializer).Assembly);
                AppDomain.CurrentDomain.AssemblyResolve += _resolver.Resolve;
                _resolver.AddReferencesOf(typeof(ModeScim.Client.ScimClient).Assembly);
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

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            ConnectionRegistry.Clear();
            if (_resolver != null)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= _resolver.Resolve;
                _resolver = null;
            }
        }

        internal static bool IsNetFramework()
        {
            return RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);
        }
    }
}
