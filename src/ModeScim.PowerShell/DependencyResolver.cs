using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell
{
    /// <summary>On Windows PowerShell 5.1 the module's dependencies (System.Text.Json and its closure) reference
    /// each other at assembly versions that differ between packages, and 5.1 has no binding redirects for a
    /// module. This resolver answers those loads from the module folder, and nothing else: a name the folder
    /// holds, asked for at a version no newer than the copy there, by the module's own assemblies or at a version
    /// one of them references. Another module asking for its own System.Text.Json is left to find its own.</summary>
    internal sealed class DependencyResolver
    {
        private readonly string _directory;
        private readonly Lazy<Dictionary<string, AssemblyName>> _shipped;
        private readonly ConcurrentDictionary<string, byte> _referenced =
            new ConcurrentDictionary<string, byte>(StringComparer.OrdinalIgnoreCase);

        public DependencyResolver(string directory)
        {
            _directory = directory;
            _shipped = new Lazy<Dictionary<string, AssemblyName>>(ReadShipped);
        }

        /// <summary>Records what an assembly of the module references, so those exact versions are answered.</summary>
        public void AddReferencesOf(Assembly assembly)
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                _referenced.TryAdd(Key(reference), 0);
            }
        }

        public Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var path = PathFor(new AssemblyName(args.Name), args.RequestingAssembly);
            if (path == null)
            {
                return null;
            }
            var loaded = Assembly.LoadFrom(path);
            AddReferencesOf(loaded);
            return loaded;
        }

        /// <summary>The file to answer a request with, or null when the request is not the module's to answer.</summary>
        public string? PathFor(AssemblyName requested, Assembly? requesting)
        {
            if (InputValidation.IsEmpty(requested.Name) || !_shipped.Value.TryGetValue(requested.Name, out var shipped))
            {
                return null;
            }
            if (!SameKey(requested, shipped) || (requested.Version != null && requested.Version > shipped.Version))
            {
                return null;
            }
            var fromTheModule = requesting != null && IsInDirectory(requesting);
            if (!fromTheModule && !_referenced.ContainsKey(Key(requested)))
            {
                return null;
            }
            return Path.Combine(_directory, requested.Name + ".dll");
        }

        private Dictionary<string, AssemblyName> ReadShipped()
        {
            var shipped = new Dictionary<string, AssemblyName>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in Directory.GetFiles(_directory, "*.dll"))
            {
                try
                {
                    var name = AssemblyName.GetAssemblyName(file);
                    shipped[name.Name!] = name;
                }
                catch (BadImageFormatException)
                {
                    // Not a managed assembly: nothing to answer with.
                }
            }
            return shipped;
        }

        private bool IsInDirectory(Assembly assembly)
        {
            var location = assembly.IsDynamic ? string.Empty : assembly.Location;
            return !string.IsNullOrEmpty(location)
                && string.Equals(Path.GetDirectoryName(location), _directory, StringComparison.OrdinalIgnoreCase);
        }

        private static bool SameKey(AssemblyName requested, AssemblyName shipped)
        {
            var wanted = requested.GetPublicKeyToken();
            // A request without a token (a simple-name load) names no publisher to check against.
            return wanted == null || wanted.Length == 0 || wanted.SequenceEqual(shipped.GetPublicKeyToken() ?? Array.Empty<byte>());
        }

        private static string Key(AssemblyName name) => name.Name + "/" + name.Version;
    }
}
