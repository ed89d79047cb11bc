using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace ModeScim.Emulator.Storage
{
    /// <summary>Each stored user's JSON as a list page sends it, until anything in the store changes. The emulator runs
    /// on the same cores as the module it serves: rendering every user afresh for every page (a copy of the stored tree
    /// plus its groups, then the text) took about as much CPU as the module's own reading of it, and benchmarks measured
    /// the two together. A real server's work is not on the client's machine.</summary>
    /// <remarks>Stored users are never changed in place (each change commits a new object), so an entry belongs to one
    /// stored object; the version (of users and groups together) covers what else goes into it: its groups.</remarks>
    internal sealed class RenderedUserCache
    {
        private readonly ConditionalWeakTable<JsonObject, Entry> _entries = new();

        public bool TryGet(JsonObject stored, RenderKey key, out byte[] json)
        {
            if (_entries.TryGetValue(stored, out var entry) && entry.Key == key)
            {
                json = entry.Json;
                return true;
            }
            json = [];
            return false;
        }

        public void Put(JsonObject stored, RenderKey key, byte[] json) => _entries.AddOrUpdate(stored, new Entry(key, json));

        private sealed record Entry(RenderKey Key, byte[] Json);
    }

    /// <summary>Everything besides the stored user that its rendering depends on.</summary>
    internal readonly record struct RenderKey(long Version, UserGroupsMode UserGroups, string LocationBase);
}
