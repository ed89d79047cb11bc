using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Filtering;
using ModeScim.Client.Models;

namespace ModeScim.Client.Patching
{
    /// <summary>Builds PatchOp bodies in the forms RFC 7644 defines. Splitting member changes into requests the
    /// server accepts is <see cref="Updates.ScimMemberPatchSender"/>'s job.</summary>
    public sealed class ScimPatchBuilder
    {
        private readonly List<ScimPatchOperation> _operations = new List<ScimPatchOperation>();

        public int Count => _operations.Count;

        public ScimPatchBuilder Replace(string path, object? value)
        {
            _operations.Add(new ScimPatchOperation(ScimPatchOperation.ReplaceOp, CheckPath(path), value));
            return this;
        }

        /// <summary>A replace without a path: the value is an object of attributes to set, the form Okta sends to
        /// deactivate (<c>{"op":"replace","value":{"active":false}}</c>).</summary>
        public ScimPatchBuilder ReplaceAttributes(IDictionary<string, object?> values)
        {
            _operations.Add(new ScimPatchOperation(ScimPatchOperation.ReplaceOp, null,
                new Dictionary<string, object?>(values ?? throw new ArgumentNullException(nameof(values)))));
            return this;
        }

        public ScimPatchBuilder Add(string path, object value)
        {
            _operations.Add(
                new ScimPatchOperation(ScimPatchOperation.AddOp, CheckPath(path), value ?? throw new ArgumentNullException(nameof(value))));
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
