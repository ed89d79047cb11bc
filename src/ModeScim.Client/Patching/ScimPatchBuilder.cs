using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Filtering;
using ModeScim.Client.Models;

namespace ModeScim.Client.Patching
{
    /// <summary>Builds PatchOp bodies in the forms RFC 7644 defines, and splits member changes into
    /// requests no larger than the server accepts.</summary>
    public sealed class ScimPatchBuilder
    {
        private readonly List<ScimPatchOperation> _operations = new List<ScimPatchOperation>();

        public int Count => _operations.Count;

        public ScimPatchBuilder Replace(string path, object? value)
        {
            _operations.Add(new ScimPatchOperation(ScimPatchOperation.ReplaceOp, CheckPath(path), value));
            return this;
        }

        public ScimPatchBuilder Add(string path, object value)
        {
            _operations.Add(new ScimPatchOperation(ScimPatchOperation.AddOp, CheckPath(path), value ?? throw new ArgumentNullException(nameof(value))));
            return this;
        }

        public ScimPatchBuilder Remove(string path)
        {
            _operations.Add(new ScimPatchOperation(ScimPatchOperation.RemoveOp, CheckPath(path), null));
            return this;
        }

        public ScimPatchBuilder AddMembers(IEnumerable<string> memberIds)
        {
            var values = memberIds.Select(id => new ScimMultiValue { Value = CheckId(id) }).ToList();
            if (values.Count > 0)
            {
                _operations.Add(new ScimPatchOperation(ScimPatchOperation.AddOp, "members", values));
            }
            return this;
        }

        /// <summary>One remove per member in the path-filter form. Some servers wipe every member when
        /// given the value-array form they do not expect; the path filter is what the RFC defines.</summary>
        public ScimPatchBuilder RemoveMembers(IEnumerable<string> memberIds)
        {
            foreach (var id in memberIds)
            {
                var path = "members[value eq " + ScimFilter.Quote(CheckId(id)) + "]";
                _operations.Add(new ScimPatchOperation(ScimPatchOperation.RemoveOp, path, null));
            }
            return this;
        }

        public ScimPatchRequest Build()
        {
            if (_operations.Count == 0)
            {
                throw new InvalidOperationException("A PATCH request needs at least one operation.");
            }
            return new ScimPatchRequest(_operations.ToList());
        }

        /// <summary>Member additions and removals as the fewest requests in which no request changes more
        /// than <paramref name="maxChangesPerRequest"/> members.</summary>
        public static IReadOnlyList<ScimPatchRequest> MemberChanges(IReadOnlyCollection<string> addIds, IReadOnlyCollection<string> removeIds, int maxChangesPerRequest)
        {
            if (maxChangesPerRequest < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxChangesPerRequest), maxChangesPerRequest, "At least one change per request.");
            }
            var changes = addIds.Select(id => (Add: true, Id: id)).Concat(removeIds.Select(id => (Add: false, Id: id))).ToList();
            var requests = new List<ScimPatchRequest>();
            for (var offset = 0; offset < changes.Count; offset += maxChangesPerRequest)
            {
                var chunk = changes.Skip(offset).Take(maxChangesPerRequest).ToList();
                var builder = new ScimPatchBuilder()
                    .AddMembers(chunk.Where(c => c.Add).Select(c => c.Id))
                    .RemoveMembers(chunk.Where(c => !c.Add).Select(c => c.Id));
                requests.Add(builder.Build());
            }
            return requests;
        }

        private static string CheckPath(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("A PATCH path must not be empty.", nameof(path));
            }
            return path;
        }

        private static string CheckId(string id)
        {
            if (string.IsNullOrEmpty(id))
            {
                throw new ArgumentException("A member id must not be empty.", nameof(id));
            }
            return id;
        }
    }
}
