using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using ModeScim.Emulator.Filtering;

namespace ModeScim.Emulator.Storage
{
    /// <summary>One resource type's records in creation order, indexed by id and by the attribute that
    /// must be unique regardless of case (userName, displayName). Not thread-safe: the store locks.</summary>
    internal sealed class ResourceCollection
    {
        private readonly List<JsonObject> _ordered = new();
        private readonly Dictionary<string, JsonObject> _byId = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _idByUniqueName = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, long> _sequenceById = new(StringComparer.Ordinal);
        private long _sequence;

        public ResourceCollection(string resourceType, string uniqueAttribute)
        {
            ResourceType = resourceType;
            UniqueAttribute = uniqueAttribute;
        }

        public string ResourceType { get; }

        public string UniqueAttribute { get; }

        public int Count => _ordered.Count;

        /// <summary>Grows with every change: what was rendered from the collection at one version is stale at a later one.</summary>
        public long Version { get; private set; }

        public IReadOnlyList<JsonObject> All => _ordered;

        public JsonObject? Find(string id) => _byId.TryGetValue(id, out var resource) ? resource : null;

        public JsonObject Get(string id)
        {
            return Find(id) ?? throw ScimError.NotFound(ResourceType + " '" + id + "' not found.");
        }

        public void EnsureUniqueNameFree(string name, string? exceptId)
        {
            if (_idByUniqueName.TryGetValue(name, out var holder) && holder != exceptId)
            {
                throw ScimError.Uniqueness(UniqueAttribute + " '" + name + "' is already taken by "
                    + ResourceType.ToLowerInvariant() + " '" + holder + "'.");
            }
        }

        public void Add(JsonObject resource)
        {
            var id = resource.GetString("id")!;
            _ordered.Add(resource);
            _byId[id] = resource;
            _sequenceById[id] = ++_sequence;
            _idByUniqueName[resource.GetString(UniqueAttribute)!] = id;
            Version++;
        }

        public void Replace(JsonObject previous, JsonObject updated)
        {
            var id = previous.GetString("id")!;
            _ordered[_ordered.IndexOf(previous)] = updated;
            _byId[id] = updated;
            _idByUniqueName.Remove(previous.GetString(UniqueAttribute)!);
            _idByUniqueName[updated.GetString(UniqueAttribute)!] = id;
            Version++;
        }

        /// <summary>For a resource changed where it is stored (see ScimStore.RemoveFromAllGroups).</summary>
        public void Changed(JsonObject resource)
        {
            if (!_byId.ContainsKey(resource.GetString("id")!))
            {
                throw new InvalidOperationException("The resource is not in the collection.");
            }
            Version++;
        }

        public void Remove(JsonObject resource)
        {
            _ordered.Remove(resource);
            _byId.Remove(resource.GetString("id")!);
            _sequenceById.Remove(resource.GetString("id")!);
            _idByUniqueName.Remove(resource.GetString(UniqueAttribute)!);
            Version++;
        }

        public void Clear()
        {
            _ordered.Clear();
            _byId.Clear();
            _sequenceById.Clear();
            _idByUniqueName.Clear();
            Version++;
        }

        /// <summary>The total that match and the requested window of them (startIndex is 1-based).</summary>
        public (int Total, List<JsonObject> Page) Query(FilterNode? filter, int startIndex, int count)
        {
            if (filter == null)
            {
                var skip = Math.Min(startIndex - 1, _ordered.Count);
                return (_ordered.Count, _ordered.GetRange(skip, Math.Min(count, _ordered.Count - skip)));
            }
            var indexed = FromIndex(filter);
            if (indexed != null)
            {
                var skip = Math.Min(startIndex - 1, indexed.Count);
                return (indexed.Count, indexed.GetRange(skip, Math.Min(count, indexed.Count - skip)));
            }
            var page = new List<JsonObject>();
            var total = 0;
            foreach (var resource in _ordered)
            {
                if (!filter.Matches(resource))
                {
                    continue;
                }
                total++;
                if (total >= startIndex && page.Count < count)
                {
                    page.Add(resource);
                }
            }
            return (total, page);
        }

        // Equalities on id or on the unique name are answered from the indexes, in creation order, as a
        // real server answers them; the filter is still applied, so the result is the scan's result.
        private List<JsonObject>? FromIndex(FilterNode filter)
        {
            var ids = EqualityIndexHint.EqualityValues(filter, "id");
            if (ids == null)
            {
                var names = EqualityIndexHint.EqualityValues(filter, UniqueAttribute);
                if (names == null)
                {
                    return null;
                }
                ids = names.Select(n => _idByUniqueName.TryGetValue(n, out var id) ? id : null).Where(id => id != null)
                    .Select(id => id!).ToList();
            }
            return ids.Distinct(StringComparer.Ordinal)
                .Select(Find)
                .Where(r => r != null && filter.Matches(r))
                .Select(r => r!)
                .OrderBy(r => _sequenceById[r.GetString("id")!])
                .ToList();
        }
    }
}
