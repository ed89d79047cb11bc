# A leaver's groups on every shape of server Mode's could be: the journal holds exactly the groups the server's own state
# holds (read through the emulator's oracle, never through the SCIM view under test), the restore puts them back, and
# where no source can tell the module refuses instead of recording "no groups".
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function Read-Journal([string] $Path) {
        @(Get-Content -LiteralPath $Path | ForEach-Object { $_ | ConvertFrom-Json })
    }

    # ada in Finance and Analytics, bob in Finance, cy in none, dan in none; an empty group beside them.
    function Start-ShapeServer([string[]] $Arguments, [switch] $WithApi) {
        $script:Emulator = Start-TestEmulator -ExtraArguments ($Arguments + @('--api-rate-limit', '0'))
        if ($WithApi) { Connect-TestEmulatorWithApi -Emulator $script:Emulator } else { Connect-TestEmulator -Emulator $script:Emulator }
        $script:ids = @{}
        foreach ($name in 'ada', 'bob', 'cy', 'dan') {
            $script:ids[$name] = (New-EmulatorUser -Emulator $script:Emulator -UserName "$name@example.com").id
        }
        $script:finance = (New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Finance' -MemberIds $script:ids.ada, $script:ids.bob).id
        $script:analytics = (New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Analytics' -MemberIds $script:ids.ada).id
        $null = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Empty'
        $script:journal = New-TestJournalPath
    }

    function Stop-ShapeServer {
        Disconnect-ModeScim
        Stop-ModeScimEmulator $script:Emulator
        Remove-Item $script:journal -ErrorAction SilentlyContinue
    }

    # Each user's group ids as the server's own state holds them, sorted, by userName.
    function Get-TrueGroups {
        $state = Get-EmulatorState -Emulator $script:Emulator
        $groups = @{}
        foreach ($user in $state.users) { $groups[$user.userName] = @($user.groups | Sort-Object) }
        $groups
    }

    function Get-TrueMembers([string] $GroupId) {
        $state = Get-EmulatorState -Emulator $script:Emulator
        @(($state.groups | Where-Object id -EQ $GroupId).members | Sort-Object)
    }
}

Describe 'On a server whose users and groups hide memberships in a different way: <Shape>' -ForEach @(
    @{ Shape = 'groups left out of user lists and lookups, shown on a read by id'; Arguments = @('--user-groups', 'not-in-lists'); WithApi = $false; Source = 'userAttribute' }
    @{ Shape = 'Entra-built, answering id eq and members[value eq] on /Groups'; Arguments = @('--profile', 'entra'); WithApi = $false; Source = 'groupFilter' }
    @{ Shape = 'Entra-built, answering members[value eq] alone'; Arguments = @('--profile', 'entra', '--group-member-filter', 'members'); WithApi = $false; Source = 'groupFilter' }
    @{ Shape = 'Entra-built without member filters, with Mode''s REST API connected'; Arguments = @('--profile', 'entra', '--group-member-filter', 'none'); WithApi = $true; Source = 'modeApi' }
    @{ Shape = 'minimal (no groups on users, members on groups)'; Arguments = @('--profile', 'minimal'); WithApi = $false; Source = 'groups' }
) {
    BeforeAll {
        Start-ShapeServer -Arguments $Arguments -WithApi:$WithApi
        $script:before = Get-TrueGroups
    }
    AfterAll { Stop-ShapeServer }

    It 'shows a named user with the groups the journal will record' {
        $ada = Get-ModeUser 'ada@example.com'

        $ada.GroupsKnown | Should -BeTrue
        @($ada.Groups.Id | Sort-Object) | Should -Be $script:before['ada@example.com']
    }

    It 'never shows a listed user''s unknown groups as an empty list' {
        foreach ($user in Get-ModeUser) {
            if ($user.GroupsKnown) {
                @($user.Groups.Id | Sort-Object) | Should -Be $script:before[$user.UserName]
            }
            else {
                $user.Groups | Should -BeNullOrEmpty
                $null -eq $user.Groups | Should -BeTrue
            }
        }
    }

    It 'journals exactly each leaver''s groups, with where they were read, before disabling them' {
        'ada@example.com', 'bob@example.com', 'cy@example.com' | Disable-ModeUser -JournalPath $script:journal -Reason 'left'

        $records = Read-Journal $script:journal
        $records.Count | Should -Be 3
        foreach ($record in $records) {
            @($record.groups.id | Sort-Object) | Should -Be $script:before[$record.userName]
            $record.groupsSource | Should -Be $Source
            $record.PSObject.Properties.Name | Should -Not -Contain 'groupsKnown'
        }
        $after = Get-EmulatorState -Emulator $script:Emulator
        @($after.users | Where-Object { $_.userName -ne 'dan@example.com' } | Where-Object active) | Should -BeNullOrEmpty
    }

    It 'puts every recorded group back with Enable-ModeUser -RestoreGroups' {
        'ada@example.com', 'bob@example.com', 'cy@example.com' | Enable-ModeUser -RestoreGroups -JournalPath $script:journal

        $now = Get-TrueGroups
        foreach ($name in 'ada@example.com', 'bob@example.com', 'cy@example.com') {
            $now[$name] | Should -Be $script:before[$name]
        }
        @((Get-EmulatorState -Emulator $script:Emulator).users | Where-Object { -not $_.active }) | Should -BeNullOrEmpty
    }

    It 'makes a group exactly the desired set with Sync-ModeGroup' {
        $result = Sync-ModeGroup -Group 'Finance' -Member 'bob@example.com', 'dan@example.com'

        Get-TrueMembers $script:finance | Should -Be @($script:ids.bob, $script:ids.dan | Sort-Object)
        @($result.Removed) | Should -Be @('ada@example.com')
    }

    It 'lists the members with Get-ModeGroupMember' {
        @(Get-ModeGroupMember 'Finance' | ForEach-Object UserName | Sort-Object) | Should -Be @('bob@example.com', 'dan@example.com')
    }

    It 'journals the groups of a user it deletes with Remove-ModeUser' {
        Remove-ModeUser 'dan@example.com' -JournalPath $script:journal -Confirm:$false

        $record = (Read-Journal $script:journal)[-1]
        $record.action | Should -Be 'Remove'
        @($record.groups.id) | Should -Be @($script:finance)
        (Get-EmulatorState -Emulator $script:Emulator).users.userName | Should -Not -Contain 'dan@example.com'
    }
}

Describe 'On an Entra-built server without member filters and without Mode''s REST API' {
    BeforeAll { Start-ShapeServer -Arguments @('--profile', 'entra', '--group-member-filter', 'none') }
    AfterAll { Stop-ShapeServer }

    It 'refuses to disable a user whose groups nobody can tell, changes nothing, and names the REST API as the way out' {
        $errors = Get-ErrorRecords { Disable-ModeUser 'ada@example.com' -JournalPath $script:journal }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.MembershipUnreadable,ModeScim.PowerShell.Commands.DisableModeUserCommand'
        $errors[0].Exception.Message | Should -Match 'REST API'
        ((Get-EmulatorState -Emulator $script:Emulator).users | Where-Object userName -EQ 'ada@example.com').active | Should -BeTrue
        Test-Path $script:journal | Should -BeFalse
    }

    It 'shows the user''s groups as unknown, not as none' {
        $ada = Get-ModeUser 'ada@example.com'

        $ada.GroupsKnown | Should -BeFalse
        $null -eq $ada.Groups | Should -BeTrue
        ($ada | Format-Table | Out-String) | Should -Match '\(unknown\)'
    }

    It 'refuses a group sync that would have to guess whom to remove' {
        $errors = Get-ErrorRecords { Sync-ModeGroup -Group 'Finance' -Member 'bob@example.com' }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.MembershipUnreadable,ModeScim.PowerShell.Commands.SyncModeGroupCommand'
        Get-TrueMembers $script:finance | Should -Be @($script:ids.ada, $script:ids.bob | Sort-Object)
    }
}

Describe 'A trimmed user listing read by a nightly sync (--user-groups not-in-lists)' {
    BeforeAll { Start-ShapeServer -Arguments @('--user-groups', 'not-in-lists') }
    AfterAll { Stop-ShapeServer }

    It 'journals the leavers'' real groups, read by id, not the empty lists a listing implies' {
        $before = Get-TrueGroups
        $desired = @([pscustomobject]@{ UserName = 'cy@example.com' }, [pscustomobject]@{ UserName = 'dan@example.com' })

        $null = $desired | Sync-ModeUser -DisableMissing -MaxDisable 2 -JournalPath $script:journal

        $records = Read-Journal $script:journal
        @($records.userName | Sort-Object) | Should -Be @('ada@example.com', 'bob@example.com')
        foreach ($record in $records) {
            @($record.groups.id | Sort-Object) | Should -Be $before[$record.userName]
        }
        (Get-ModeScimConnection).UserGroupsInLists | Should -Be 'Unsupported'
    }
}

Describe 'Restoring groups where the journal holds no record' {
    BeforeAll {
        Start-ShapeServer -Arguments @()
        Invoke-EmulatorScim -Emulator $script:Emulator -Method Patch -Path "Users/$($script:ids.cy)" -Body @{
            schemas    = @('urn:ietf:params:scim:api:messages:2.0:PatchOp')
            Operations = @(@{ op = 'replace'; path = 'active'; value = $false })
        } | Out-Null
    }
    AfterAll { Stop-ShapeServer }

    It 'refuses to enable a user it cannot restore, naming the journal it read' {
        $errors = Get-ErrorRecords { Enable-ModeUser 'cy@example.com' -RestoreGroups -JournalPath $script:journal }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.NoRestoreRecord,ModeScim.PowerShell.Commands.EnableModeUserCommand'
        $errors[0].Exception.Message | Should -BeLike "*$($script:journal)*"
        ((Get-EmulatorState -Emulator $script:Emulator).users | Where-Object userName -EQ 'cy@example.com').active | Should -BeFalse
    }

    It 'leaves a returning user disabled in Sync-ModeUser -RestoreGroups and reports it' {
        $rows = @('ada', 'bob', 'cy', 'dan' | ForEach-Object { [pscustomobject]@{ UserName = "$_@example.com" } })

        $result = $rows | Sync-ModeUser -RestoreGroups -JournalPath $script:journal -ErrorAction SilentlyContinue

        $result.Enabled | Should -BeNullOrEmpty
        ($result.Failed | Where-Object UserName -EQ 'cy@example.com').Reason | Should -BeLike 'ModeScim.NoRestoreRecord: *'
        ((Get-EmulatorState -Emulator $script:Emulator).users | Where-Object userName -EQ 'cy@example.com').active | Should -BeFalse
    }

    It 'enables the user without groups with -Force, saying so' {
        $warnings = @(Enable-ModeUser 'cy@example.com' -RestoreGroups -Force -JournalPath $script:journal 3>&1 |
                Where-Object { $_ -is [System.Management.Automation.WarningRecord] })

        $warnings.Message | Should -Match 'no Disable record'
        ((Get-EmulatorState -Emulator $script:Emulator).users | Where-Object userName -EQ 'cy@example.com').active | Should -BeTrue
    }
}
