using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ModeScim.Emulator.Filtering;

namespace ModeScim.Emulator.Http
{
    /// <summary>The attributes / excludedAttributes query parameters (RFC 7644 section 3.4.2.5), applied to
    /// top-level attributes. id and schemas are always returned.</summary>
    internal sealed class Projection
    {
        private static readonly string[] AlwaysReturned = { "id", "schemas" };

        private readonly HashSet<string>? _include;
        private readonly HashSet<string> _exclude;

        private Projection(HashSet<string>? include, HashSet<string> exclude)
        {
            _include = include;
            _exclude = exclude;
        }

        /// <summary>A server that does not implement attribute selection returns whole resources.</summary>
        public static Projection FromQuery(IQueryCollection query, ServerBehaviour behaviour)
        {
            if (!behaviour.HonoursAttributeSelection)
            {
                return new Projection(null, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
            }
            var include = Split(query["attributes"].ToString());
            var exclude = Split(query["excludedAttributes"].ToString()) ?? new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            return new Projection(include, exclude);
        }

        /// <summary>True when <see cref="Apply"/> leaves every resource as it is.</summary>
        public bool KeepsEverything => _include == null && _exclude.Count == 0;

        public JsonObject Apply(JsonObject resource)
        {
            if (KeepsEverything)
            {
                return resource;
            }
            foreach (var key in resource.Select(p => p.Key).ToList())
            {
                if (AlwaysReturned.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }
                if ((_include != null && !_include.Contains(key)) || _exclude.Contains(key))
                {
                    resource.Remove(key);
                }
            }
            return resource;
        }

        // "name.givenName" selects the whole top-level attribute "name"; a schema prefix is dropped.
        private static HashSet<string>? Split(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => AttributePath.Parse(n))
                .Select(p => p.ExtensionSchema ?? p.Name);
            return new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        }
    }
}
