using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using ModeScim.Emulator.Storage;

namespace ModeScim.Emulator.Seeding
{
    /// <summary>A believable Mode workspace: people with names and work emails, a dozen groups,
    /// a few deactivated accounts (in no group, as Mode leaves them). Deterministic for a given size.</summary>
    internal static class SampleWorkspace
    {
        private static readonly string[] GivenNames =
        {
            "Ava", "Ben", "Chloe", "Dmitri", "Elena", "Farah", "Gabriel", "Hana", "Ibrahim", "Julia",
            "Kenji", "Lena", "Mateo", "Nadia", "Oscar", "Priya", "Quinn", "Rafael", "Sofia", "Tomas",
            "Uma", "Victor", "Wei", "Ximena", "Yusuf", "Zoe", "Amara", "Bruno", "Camille", "Diego",
        };

        private static readonly string[] FamilyNames =
        {
            "Andersen", "Baptiste", "Chen", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jansen",
            "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov", "Quintero", "Rossi", "Singh", "Tanaka",
            "Usman", "Varga", "Weber", "Xu", "Yilmaz", "Zhang", "O'Brien", "Núñez", "Søndergaard", "Müller",
        };

        private static readonly string[] GroupNames =
        {
            "Analytics", "Data Engineering", "Finance", "Marketing", "Sales", "Product",
            "Executives", "Customer Success", "Operations", "People", "Security", "Mode Admins",
        };

        public static void Seed(ScimStore store, int userCount)
        {
            if (userCount <= 0)
            {
                return;
            }
            var random = new Random(20261128);
            var users = new List<(string Id, bool Active)>();
            for (var i = 0; i < userCount; i++)
            {
                var given = GivenNames[random.Next(GivenNames.Length)];
                var family = FamilyNames[random.Next(FamilyNames.Length)];
                var userName = Slug(given) + "." + Slug(family) + (i + 1) + "@example.com";
                var active = random.NextDouble() >= 0.08;
                var created = store.CreateUser(new JsonObject
                {
                    ["schemas"] = new JsonArray(SchemaUris.User),
                    ["userName"] = userName,
                    ["name"] = new JsonObject { ["givenName"] = given, ["familyName"] = family },
                    ["displayName"] = given + " " + family,
                    ["emails"] = new JsonArray(new JsonObject { ["value"] = userName, ["type"] = "work", ["primary"] = true }),
                    ["externalId"] = "E" + (10000 + i),
                    ["active"] = active,
                });
                users.Add((created["id"]!.GetValue<string>(), active));
            }
            var groupCount = Math.Min(GroupNames.Length, Math.Max(1, userCount / 10));
            var members = Enumerable.Range(0, groupCount).Select(_ => new JsonArray()).ToArray();
            foreach (var (id, active) in users.Where(u => u.Active))
            {
                var memberships = 1 + random.Next(3);
                foreach (var groupIndex in Enumerable.Range(0, groupCount).OrderBy(_ => random.Next()).Take(memberships))
                {
                    members[groupIndex].Add(new JsonObject { ["value"] = id });
                }
            }
            for (var g = 0; g < groupCount; g++)
            {
                store.CreateGroup(new JsonObject
                {
                    ["schemas"] = new JsonArray(SchemaUris.Group),
                    ["displayName"] = GroupNames[g],
                    ["members"] = members[g],
                });
            }
        }

        // Emails are ASCII; the emulator runs with invariant globalization, so no Unicode normalization here.
        private static string Slug(string name)
        {
            var builder = new System.Text.StringBuilder();
            foreach (var c in name.ToLowerInvariant())
            {
                var ascii = c switch
                {
                    'ü' => "u",
                    'ú' => "u",
                    'ñ' => "n",
                    'ø' => "o",
                    _ => c < 128 && char.IsLetter(c) ? c.ToString() : string.Empty,
                };
                builder.Append(ascii);
            }
            return builder.ToString();
        }
    }
}
