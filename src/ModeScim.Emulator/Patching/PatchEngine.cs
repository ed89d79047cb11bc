using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModeScim.Emulator.Filtering;

namespace ModeScim.Emulator.Patching
{
    /// <summary>Applies a PatchOp message to a copy of a resource. Accepts what real identity providers
    /// send: capitalised op names and string booleans (Entra ID), no-path operations whose value keys
    /// are themselves paths, and member removal by a value array as well as by a path filter.</summary>
    internal sealed class PatchEngine
    {
        private static readonly HashSet<string> MultiValued = new(StringComparer.OrdinalIgnoreCase)
        {
            "emails", "phoneNumbers", "ims", "photos", "addresses", "groups", "entitlements", "roles", "x509Certificates", "members",
        };

        private readonly HashSet<string> _readOnly;
        private readonly bool _entraForms;
        private readonly PatchValuePaths _valuePaths;
        private readonly bool _removeNoTarget;
        private readonly bool _requireSchema;

        /// <param name="entraForms">False to refuse Entra's forms as a strictly RFC server does.</param>
        /// <param name="valuePaths">Which filtered paths (attr[filter]) are understood.</param>
        public PatchEngine(IEnumerable<string> readOnlyAttributes, bool entraForms = true,
            PatchValuePaths valuePaths = PatchValuePaths.Full, bool removeNoTarget = true, bool requireSchema = true)
        {
            _readOnly = new HashSet<string>(readOnlyAttributes, StringComparer.OrdinalIgnoreCase);
            _entraForms = entraForms;
            _removeNoTarget = removeNoTarget;
            _requireSchema = requireSchema;
            _valuePaths = valuePaths;
        }

        public void Apply(JsonObject resource, JsonNode? body)
        {
            if (body is not JsonObject message || message.GetIgnoreCase("Operations") is not JsonArray operations)
            {
                throw ScimError.InvalidSyntax("A PATCH body needs an Operations array.");
            }
            if (operations.Count == 0)
            {
                throw ScimError.InvalidSyntax("The Operations array is empty.");
            }
            if (_requireSchema && !SchemaUris.Declares(message, SchemaUris.PatchOp))
            {
                throw ScimError.InvalidSyntax("A PATCH body must declare the schema " + SchemaUris.PatchOp + ".");
            }
            foreach (var node in operations)
            {
                if (node is not JsonObject operation)
                {
                    throw ScimError.InvalidSyntax("Each operation must be an object.");
                }
                ApplyOperation(resource, operation);
            }
        }

        private void ApplyOperation(JsonObject resource, JsonObject operation)
        {
            var op = operation.GetString("op")?.ToLowerInvariant();
            if (op != "add" && op != "replace" && op != "remove" || (!_entraForms && operation.GetString("op") != op))
            {
                throw ScimError.InvalidSyntax("Unknown PATCH op '" + operation.GetString("op") + "'.");
            }
            var path = operation.GetString("path");
            var value = operation.GetIgnoreCase("value");
            if (path != null)
            {
                ApplyAtPath(resource, op, PatchPath.Parse(path), value?.DeepClone());
                return;
            }
            if (op == "remove")
            {
                throw ScimError.NoTarget("A remove operation needs a path.");
            }
            if (value is not JsonObject attributes)
            {
                throw ScimError.InvalidValue("Without a path, the value must be an object of attributes.");
            }
            foreach (var pair in attributes.ToList())
            {
                if (string.Equals(pair.Key, "schemas", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                ApplyAtPath(resource, op, PatchPath.Parse(pair.Key), pair.Value?.DeepClone());
            }
        }

        private void ApplyAtPath(JsonObject resource, string op, PatchPath path, JsonNode? value)
        {
            var attribute = path.Attribute;
            if (_readOnly.Contains(attribute.Name))
            {
                throw ScimError.Mutability("'" + attribute.Name + "' cannot be changed.");
            }
            if (op != "remove" && value == null)
            {
                throw ScimError.InvalidValue("The " + op + " operation on '" + attribute.Name + "' needs a value.");
            }
            if (path.Filter != null && _valuePaths == PatchValuePaths.MembersOnly
                && !string.Equals(attribute.Name, "members", StringComparison.OrdinalIgnoreCase))
            {
                throw ScimError.InvalidPath("This server understands a filtered path only on members.");
            }
            if (!_entraForms && op == "remove" && path.Filter == null && value != null)
            {
                throw ScimError.InvalidSyntax("A remove operation takes its target from the path, not from a value.");
            }
            value = Coerce(attribute, value);
            var container = attribute.Container(resource, op != "remove");
            if (container == null)
            {
                return;
            }
            var key = container.FindKey(attribute.Name) ?? attribute.Name;
            if (path.Filter != null)
            {
                ApplyToMatchingElements(container, key, op, path, value, _removeNoTarget);
            }
            else if (attribute.SubAttribute != null)
            {
                ApplyToSubAttribute(container, key, op, attribute.SubAttribute, value);
            }
            else
            {
                ApplyToAttribute(container, key, op, value);
            }
        }

        private static void ApplyToAttribute(JsonObject container, string key, string op, JsonNode? value)
        {
            var existing = container[key];
            var multiValued = existing is JsonArray || MultiValued.Contains(key);
            switch (op)
            {
                case "remove":
                    if (value is JsonArray toRemove && existing is JsonArray current)
                    {
                        var ids = new HashSet<string?>(toRemove.OfType<JsonObject>().Select(v => v.GetString("value")),
                            StringComparer.Ordinal);
                        RemoveWhere(current, element => element is JsonObject obj && ids.Contains(obj.GetString("value")));
                    }
                    else
                    {
                        container.Remove(key);
                    }
                    break;
                case "add" when multiValued:
                    var target = existing as JsonArray ?? new JsonArray();
                    container[key] = target;
                    foreach (var item in AsElements(value))
                    {
                        if (!ContainsValue(target, item))
                        {
                            target.Add(item);
                        }
                    }
                    break;
                default:
                    if (existing is JsonObject existingObject && value is JsonObject newObject)
                    {
                        Merge(existingObject, newObject);
                    }
                    else
                    {
                        container[key] = multiValued && value is not JsonArray ? new JsonArray(value) : value;
                    }
                    break;
            }
        }

        private static void ApplyToSubAttribute(JsonObject container, string key, string op, string sub, JsonNode? value)
        {
            var existing = container[key];
            var targets = existing is JsonArray array ? array.OfType<JsonObject>().ToList() : new List<JsonObject>();
            if (existing is JsonObject single)
            {
                targets.Add(single);
            }
            if (targets.Count == 0)
            {
                if (op == "remove")
                {
                    return;
                }
                var created = new JsonObject();
                container[key] = created;
                targets.Add(created);
            }
            foreach (var target in targets)
            {
                SetOrRemove(target, sub, op, value);
            }
        }

        private static void ApplyToMatchingElements(JsonObject container, string key, string op, PatchPath path, JsonNode? value,
            bool removeNoTarget)
        {
            var array = container[key] as JsonArray;
            var matches = array == null ? new List<JsonObject>() : array.OfType<JsonObject>().Where(path.Filter!.Matches).ToList();
            if (matches.Count == 0)
            {
                // A lenient server counts removing what is already gone as success; a strict one says noTarget.
                if (op == "remove" && !removeNoTarget)
                {
                    return;
                }
                throw ScimError.NoTarget("No value of '" + key + "' matches the filter.");
            }
            foreach (var element in matches)
            {
                if (path.SubAttributeAfterFilter != null)
                {
                    SetOrRemove(element, path.SubAttributeAfterFilter, op, value);
                }
                else if (op == "remove")
                {
                    array!.Remove(element);
                }
                else if (value is JsonObject replacement)
                {
                    if (op == "replace")
                    {
                        element.Clear();
                    }
                    Merge(element, (JsonObject)replacement.DeepClone());
                }
                else
                {
                    throw ScimError.InvalidValue("A filtered " + op + " on '" + key + "' needs an object value.");
                }
            }
        }

        private static void SetOrRemove(JsonObject target, string name, string op, JsonNode? value)
        {
            var key = target.FindKey(name) ?? name;
            if (op == "remove")
            {
                target.Remove(key);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }

        private static void Merge(JsonObject target, JsonObject source)
        {
            foreach (var pair in source.ToList())
            {
                source.Remove(pair.Key);
                target[target.FindKey(pair.Key) ?? pair.Key] = pair.Value;
            }
        }

        private static IEnumerable<JsonNode?> AsElements(JsonNode? value)
        {
            if (value is JsonArray array)
            {
                var items = array.ToList();
                array.Clear();
                return items;
            }
            return new[] { value };
        }

        private static bool ContainsValue(JsonArray array, JsonNode? item)
        {
            var id = (item as JsonObject)?.GetString("value");
            return id != null && array.OfType<JsonObject>().Any(e => string.Equals(e.GetString("value"), id, StringComparison.Ordinal));
        }

        private static void RemoveWhere(JsonArray array, Func<JsonNode?, bool> predicate)
        {
            for (var i = array.Count - 1; i >= 0; i--)
            {
                if (predicate(array[i]))
                {
                    array.RemoveAt(i);
                }
            }
        }

        // Entra ID sends active as the string "True"/"False".
        private JsonNode? Coerce(AttributePath attribute, JsonNode? value)
        {
            if (attribute.SubAttribute == null && string.Equals(attribute.Name, "active", StringComparison.OrdinalIgnoreCase)
                && value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
            {
                if (!_entraForms)
                {
                    throw ScimError.InvalidValue("active must be a boolean, not a string.");
                }
                if (bool.TryParse(text.GetValue<string>(), out var parsed))
                {
                    return JsonValue.Create(parsed);
                }
                throw ScimError.InvalidValue("'" + text.GetValue<string>() + "' is not a boolean for active.");
            }
            return value;
        }
    }
}
