using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Filtering;
using ModeScim.Client.Models;
using ModeScim.Client.Patching;

namespace ModeScim.Client.Updates
{
    /// <summary>The attributes a command changes on a user, and nothing else. Null means "leave alone";
    /// an empty string means "clear" (for the attributes that may be cleared).</summary>
    public sealed class ScimUserChange
    {
        private bool? _active;

        public string? UserName { get; set; }

        public string? Email { get; set; }

        public string? GivenName { get; set; }

        public string? FamilyName { get; set; }

        public string? DisplayName { get; set; }

        public string? ExternalId { get; set; }

        public IEnumerable<string> ChangedAttributes
        {
            get
            {
                if (UserName != null) yield return "UserName";
                if (Email != null) yield return "Email";
                if (GivenName != null) yield return "GivenName";
                if (FamilyName != null) yield return "FamilyName";
                if (DisplayName != null) yield return "DisplayName";
                if (ExternalId != null) yield return "ExternalId";
                if (_active != null) yield return "Active";
            }
        }

        public bool IsEmpty => !ChangedAttributes.Any();

        /// <summary>The state of <c>active</c> the change sets, if it sets one.</summary>
        public bool? Active => _active;

        public void SetActive(bool active)
        {
            _active = active;
        }

        /// <summary>True when <see cref="ToPatch"/> would change the email through a filtered path.</summary>
        public bool UsesValuePath(ScimUser current) => Email != null && PrimaryEmailOf(current)?.Value != null;

        /// <param name="valuePaths">False for a server that refuses filtered PATCH paths: the email list is then replaced whole.</param>
        public ScimPatchRequest ToPatch(ScimUser current, bool valuePaths = true)
        {
            var builder = new ScimPatchBuilder();
            Set(builder, "userName", UserName);
            Set(builder, "name.givenName", GivenName);
            Set(builder, "name.familyName", FamilyName);
            Set(builder, "displayName", DisplayName);
            Set(builder, "externalId", ExternalId);
            if (Email != null)
            {
                var existing = PrimaryEmailOf(current);
                if (existing?.Value == null)
                {
                    builder.Add("emails", new[] { new ScimMultiValue { Value = Email, Type = "work", Primary = true } });
                }
                else if (!valuePaths)
                {
                    builder.Replace("emails", WithPrimaryEmail(current, Email));
                }
                else if (string.Equals(existing.Type, "work", System.StringComparison.OrdinalIgnoreCase)
                    && current.Emails!.Count(e => string.Equals(e.Type, "work", System.StringComparison.OrdinalIgnoreCase)) == 1)
                {
                    // The form Entra sends, which servers built for it understand.
                    builder.Replace("emails[type eq \"work\"].value", Email);
                }
                else
                {
                    // Change the one address in place; other addresses the user has stay as they are.
                    builder.Replace("emails[value eq " + ScimFilter.Quote(existing.Value) + "].value", Email);
                }
            }
            if (_active.HasValue)
            {
                builder.Replace("active", _active.Value);
            }
            return builder.Build();
        }

        public void ApplyTo(ScimUser user)
        {
            if (UserName != null) user.UserName = UserName;
            if (DisplayName != null) user.DisplayName = Clearable(DisplayName);
            if (ExternalId != null) user.ExternalId = Clearable(ExternalId);
            if (GivenName != null || FamilyName != null)
            {
                user.Name = user.Name ?? new ScimName();
                if (GivenName != null) user.Name.GivenName = Clearable(GivenName);
                if (FamilyName != null) user.Name.FamilyName = Clearable(FamilyName);
            }
            if (Email != null)
            {
                var existing = PrimaryEmailOf(user);
                if (existing != null)
                {
                    existing.Value = Email;
                }
                else
                {
                    user.Emails = new List<ScimMultiValue> { new ScimMultiValue { Value = Email, Type = "work", Primary = true } };
                }
            }
            if (_active.HasValue) user.Active = _active.Value;
        }

        private static void Set(ScimPatchBuilder builder, string path, string? value)
        {
            if (value == null)
            {
                return;
            }
            if (value.Length == 0)
            {
                builder.Remove(path);
            }
            else
            {
                builder.Replace(path, value);
            }
        }

        private static string? Clearable(string value) => value.Length == 0 ? null : value;

        // The user's addresses with the primary one changed, for a server that only takes the whole list.
        private static List<ScimMultiValue> WithPrimaryEmail(ScimUser user, string email)
        {
            var primary = PrimaryEmailOf(user);
            return user.Emails!.Select(e => new ScimMultiValue
            {
                Value = ReferenceEquals(e, primary) ? email : e.Value,
                Type = e.Type,
                Primary = e.Primary,
                Display = e.Display,
            }).ToList();
        }

        private static ScimMultiValue? PrimaryEmailOf(ScimUser user)
        {
            if (user.Emails == null || user.Emails.Count == 0)
            {
                return null;
            }
            return user.Emails.FirstOrDefault(e => e.Primary == true) ?? user.Emails[0];
        }
    }
}
