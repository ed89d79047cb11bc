using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>The Create and Update records of a user's attributes, each written and flushed before its request is sent,
    /// like every other record: a change is never made unrecorded.</summary>
    internal static class UserChangeRecords
    {
        /// <summary>A Create record of <paramref name="user"/> as it is about to be sent: each attribute given, without an old
        /// value. The server gives the id in its answer, after the record had to be on disk, so the record's userId is empty
        /// and the userName (unique in a workspace) names the user; later records of the user carry its id.</summary>
        public static JournalEntry Create(ScimUser user, string reason, Uri baseUri)
        {
            // Groups are not read for a create: recorded as unknown, never as "none".
            var entry = JournalMapper.NewEntry(JournalActions.Create, new ScimUser { UserName = user.UserName },
                Enumerable.Empty<ModeGroupMembership>(), reason, baseUri, groupsKnown: false);
            var given = new (string Attribute, string? Value)[]
            {
                ("userName", user.UserName),
                ("email", user.PrimaryEmail),
                ("givenName", user.Name?.GivenName),
                ("familyName", user.Name?.FamilyName),
                ("displayName", user.DisplayName),
                ("externalId", user.ExternalId),
                ("active", Text(user.Active)),
            };
            entry.Changes = given.Where(a => !string.IsNullOrEmpty(a.Value))
                .Select(a => new JournalAttributeChange { Attribute = a.Attribute, New = a.Value }).ToList();
            return entry;
        }

        /// <summary>An Update record of <paramref name="change"/> to <paramref name="current"/>, the user as the server showed
        /// it when the change was planned. An old value the server did not show is left out (unknown, which is not "none");
        /// a cleared attribute's new value is null.</summary>
        public static JournalEntry Update(ScimUser current, ScimUserChange change, string reason, Uri baseUri)
        {
            // Groups are not read for an update: recorded as unknown, never as "none".
            var entry = JournalMapper.NewEntry(JournalActions.Update, current, Enumerable.Empty<ModeGroupMembership>(), reason, baseUri,
                groupsKnown: false);
            var changes = new List<JournalAttributeChange>();
            void Add(string attribute, string? old, string? now)
            {
                if (now != null)
                {
                    changes.Add(new JournalAttributeChange
                    {
                        Attribute = attribute,
                        Old = string.IsNullOrEmpty(old) ? null : old,
                        New = now.Length == 0 ? null : now,
                    });
                }
            }
            Add("userName", current.UserName, change.UserName);
            Add("email", current.PrimaryEmail, change.Email);
            Add("givenName", current.Name?.GivenName, change.GivenName);
            Add("familyName", current.Name?.FamilyName, change.FamilyName);
            Add("displayName", current.DisplayName, change.DisplayName);
            Add("externalId", current.ExternalId, change.ExternalId);
            Add("active", Text(current.Active), Text(change.Active));
            entry.Changes = changes;
            return entry;
        }

        private static string? Text(bool? value) => value.HasValue ? (value.Value ? "true" : "false") : null;
    }
}
