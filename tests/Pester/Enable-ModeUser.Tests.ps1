BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
    Connect-TestEmulator -Emulator $script:Emulator
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Enable-ModeUser' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
        $script:journal = New-TestJournalPath
        $script:ada = New-EmulatorUser -Emulator $script:Emulator -UserName 'ada@example.com'
        $script:groups = @('Finance', 'Analytics', 'Executives') | ForEach-Object { New-EmulatorGroup -Emulator $script:Emulator -DisplayName $_ -MemberIds $script:ada.id }
    }

    AfterEach {
        Remove-Item $script:journal -ErrorAction SilentlyContinue
    }

    It 'brings back all three groups of a user that was disabled, which Mode had dropped' {
        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal
        foreach ($group in $script:groups) {
            Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $group.id | Should -BeNullOrEmpty
        }

        Enable-ModeUser 'ada@example.com' -RestoreGroups -JournalPath $script:journal

        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeTrue
        foreach ($group in $script:groups) {
            Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $group.id | Should -Be @($script:ada.id)
        }
        $enable = Get-ModeScimJournal -Path $script:journal -Action Enable
        $enable.Groups.Count | Should -Be 3
    }

    It 'brings back the groups of the first leaving when a second Disable, with no Enable journalled between, found none' {
        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal
        # Re-enabled outside ModeScim (Mode gives no groups back), then disabled again: that record names no groups.
        $null = Invoke-EmulatorScim -Emulator $script:Emulator -Method Patch -Path "Users/$($script:ada.id)" -Body @{
            schemas = @('urn:ietf:params:scim:api:messages:2.0:PatchOp'); Operations = @(@{ op = 'replace'; value = @{ active = $true } }) }
        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal
        @(Get-ModeScimJournal -Path $script:journal -Action Disable)[1].Groups.Count | Should -Be 0

        $warnings = @(Enable-ModeUser 'ada@example.com' -RestoreGroups -JournalPath $script:journal 3>&1 | ForEach-Object { "$_" })

        foreach ($group in $script:groups) {
            Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $group.id | Should -Be @($script:ada.id)
        }
        $warnings | Should -HaveCount 1
        $warnings[0] | Should -BeLike '*names no groups, but an earlier one*line 1)*restoring the groups of the earlier one.'
    }

    It 'restores nothing for a leaving after a journalled Enable, even when an older Disable named groups' {
        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal
        Enable-ModeUser 'ada@example.com' -JournalPath $script:journal
        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal

        Enable-ModeUser 'ada@example.com' -RestoreGroups -JournalPath $script:journal -WarningVariable warned

        foreach ($group in $script:groups) {
            Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $group.id | Should -BeNullOrEmpty
        }
        $warned | Should -BeNullOrEmpty
    }

    It 'does not send an add for a group the user is already back in' {
        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal
        # Someone put Ada back into Finance by hand before the restore.
        $null = Invoke-EmulatorScim -Emulator $script:Emulator -Method Patch -Path "Groups/$($script:groups[0].id)" -Body @{
            schemas = @('urn:ietf:params:scim:api:messages:2.0:PatchOp'); Operations = @(@{ op = 'add'; path = 'members'; value = @(@{ value = $script:ada.id }) }) }
        Reset-ModeScimEmulator $script:Emulator

        $verbose = @(Enable-ModeUser 'ada@example.com' -RestoreGroups -JournalPath $script:journal -Verbose 4>&1 | ForEach-Object { "$_" })

        $patched = (Get-ModeScimEmulatorStats $script:Emulator).routes.'PATCH Groups/{id}'
        $patched | Should -Be 2 -Because 'Analytics and Executives get an add each; Finance, where Ada already is, none'
        $verbose | Where-Object { $_ -like "*already in group 'Finance'*" } | Should -Not -BeNullOrEmpty
        foreach ($group in $script:groups) {
            Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $group.id | Should -Be @($script:ada.id)
        }
        (Get-ModeScimJournal -Path $script:journal -Action Enable).Groups.DisplayName | Should -Be @('Analytics', 'Executives')
    }

    It 'enables without touching groups when -RestoreGroups is not given' {
        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal
        Reset-ModeScimEmulator $script:Emulator

        Get-ModeUser 'ada@example.com' | Enable-ModeUser -JournalPath $script:journal

        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeTrue
        Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:groups[0].id | Should -BeNullOrEmpty
        (Get-ModeScimEmulatorStats $script:Emulator).PATCH | Should -Be 1
    }

    It 'enables each user of an array, restoring each one''s groups' {
        $bob = New-EmulatorUser -Emulator $script:Emulator -UserName 'bob@example.com'
        Disable-ModeUser 'ada@example.com', 'bob@example.com' -JournalPath $script:journal

        $enabled = @(Enable-ModeUser 'ada@example.com', 'bob@example.com' -RestoreGroups -JournalPath $script:journal -PassThru)

        $enabled.UserName | Should -Be 'ada@example.com', 'bob@example.com'
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeTrue
        (Get-EmulatorUser -Emulator $script:Emulator -Id $bob.id).active | Should -BeTrue
        foreach ($group in $script:groups) {
            Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $group.id | Should -Be @($script:ada.id)
        }
    }

    It 'restores many users with one PATCH per group' {
        $bob = New-EmulatorUser -Emulator $script:Emulator -UserName 'bob@example.com'
        foreach ($group in $script:groups) {
            Invoke-EmulatorScim -Emulator $script:Emulator -Method Patch -Path "Groups/$($group.id)" -Body @{ schemas = @('urn:ietf:params:scim:api:messages:2.0:PatchOp'); Operations = @(@{ op = 'add'; path = 'members'; value = @(@{ value = $bob.id }) }) } | Out-Null
        }
        'ada@example.com', 'bob@example.com' | Disable-ModeUser -JournalPath $script:journal
        Reset-ModeScimEmulator $script:Emulator

        'ada@example.com', 'bob@example.com' | Enable-ModeUser -RestoreGroups -JournalPath $script:journal

        foreach ($group in $script:groups) {
            @(Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $group.id | Sort-Object) | Should -Be @(@($script:ada.id, $bob.id) | Sort-Object)
        }
        # Two user activations, then one membership PATCH for each of the three groups.
        (Get-ModeScimEmulatorStats $script:Emulator).PATCH | Should -Be 5
    }

    It 'skips a group that no longer exists, with a warning, and restores the rest' {
        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal
        Invoke-EmulatorScim -Emulator $script:Emulator -Method Delete -Path "Groups/$($script:groups[1].id)" | Out-Null

        $warnings = @(Enable-ModeUser 'ada@example.com' -RestoreGroups -JournalPath $script:journal 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })

        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike "*Analytics*no longer exists*"
        Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:groups[0].id | Should -Be @($script:ada.id)
        Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:groups[2].id | Should -Be @($script:ada.id)
    }

    It 'refuses to enable a user the journal holds no Disable record of, and enables it without groups with -Force' {
        Invoke-EmulatorScim -Emulator $script:Emulator -Method Patch -Path "Users/$($script:ada.id)" -Body @{ schemas = @('urn:ietf:params:scim:api:messages:2.0:PatchOp'); Operations = @(@{ op = 'replace'; path = 'active'; value = $false }) } | Out-Null

        $errors = Get-ErrorRecords { Enable-ModeUser 'ada@example.com' -RestoreGroups -JournalPath $script:journal }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.NoRestoreRecord,ModeScim.PowerShell.Commands.EnableModeUserCommand'
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeFalse

        $warnings = @(Enable-ModeUser 'ada@example.com' -RestoreGroups -Force -JournalPath $script:journal 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })

        $warnings[0].Message | Should -BeLike '*no Disable record*'
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeTrue
    }

    It 'sends nothing for a user that is already active and in every recorded group' {
        Reset-ModeScimEmulator $script:Emulator
        Enable-ModeUser 'ada@example.com'
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }

    It 'returns the user with its groups with -PassThru' {
        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal

        $user = Enable-ModeUser 'ada@example.com' -RestoreGroups -JournalPath $script:journal -PassThru

        $user.Active | Should -BeTrue
        $user.Groups.Count | Should -Be 3
    }

    It 'sends no mutating request with -WhatIf' {
        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal
        Reset-ModeScimEmulator $script:Emulator

        Enable-ModeUser 'ada@example.com' -RestoreGroups -JournalPath $script:journal -WhatIf

        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeFalse
    }
}

Describe 'Enable-ModeUser -RestoreGroups from a journal folder whose machines disagree about the time' {
    BeforeAll {
        # The one file this machine's module wrote in a folder, renamed as another machine's and with that machine's
        # name in its records: what the folder holds when that machine wrote it.
        function Move-JournalToMachine([string] $From, [string] $To, [string] $Machine) {
            $file = @(Get-ChildItem -LiteralPath $From -Filter '*.jsonl')
            $file.Count | Should -Be 1
            $text = [System.IO.File]::ReadAllText($file[0].FullName) -replace '"host":"[^"]*"', ('"host":"' + $Machine + '"')
            $target = Join-Path $To ('modescim-' + [DateTime]::UtcNow.ToString('yyyyMMdd') + '-' + $Machine + '.jsonl')
            [System.IO.File]::WriteAllText($target, $text, (New-Object System.Text.UTF8Encoding $false))
            Remove-Item -LiteralPath $file[0].FullName
            $target
        }
        # Every record of a file stamped as by a clock that is behind.
        function Set-JournalClockBack([string] $Path, [int] $Minutes) {
            $evaluator = [System.Text.RegularExpressions.MatchEvaluator] {
                param($match)
                $time = [DateTime]::Parse($match.Groups[1].Value, [System.Globalization.CultureInfo]::InvariantCulture,
                    [System.Globalization.DateTimeStyles]::RoundtripKind).ToUniversalTime()
                '"time":"' + $time.AddMinutes(-$Minutes).ToString('o') + '"'
            }
            $text = [regex]::Replace([System.IO.File]::ReadAllText($Path), '"time":"([^"]+)"', $evaluator)
            [System.IO.File]::WriteAllText($Path, $text, (New-Object System.Text.UTF8Encoding $false))
        }
        function Get-AdaGroupIds {
            @((Get-EmulatorState -Emulator $script:Emulator).users | Where-Object id -EQ $script:ada.id | ForEach-Object { $_.groups } |
                Sort-Object)
        }
        function Add-AdaToGroup($Group) {
            $null = Invoke-EmulatorScim -Emulator $script:Emulator -Method Patch -Path "Groups/$($Group.id)" -Body @{
                schemas = @('urn:ietf:params:scim:api:messages:2.0:PatchOp'); Operations = @(@{ op = 'add'; path = 'members'; value = @(@{ value = $script:ada.id }) }) }
        }
    }

    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
        $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-skew-' + [guid]::NewGuid().ToString('N'))
        $script:folder = Join-Path $script:work 'journal'
        $null = New-Item -ItemType Directory -Path $script:folder
        $script:ada = New-EmulatorUser -Emulator $script:Emulator -UserName 'ada@example.com'
        $script:finance, $script:analytics = @('Finance', 'Analytics') | ForEach-Object { New-EmulatorGroup -Emulator $script:Emulator -DisplayName $_ -MemberIds $script:ada.id }
        $script:executives = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Executives'
    }

    AfterEach {
        Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'restores the groups of the leaving that came last, from a machine whose clock is 30 minutes behind' {
        # Machine A offboards Ada from Finance and Analytics.
        Disable-ModeUser 'ada@example.com' -JournalPath $script:folder
        $fileA = Move-JournalToMachine -From $script:folder -To $script:folder -Machine 'AGENT-A'
        # Machine B (this one, its clock behind) brings her back, she joins Executives, and B offboards her again.
        Enable-ModeUser 'ada@example.com' -RestoreGroups -JournalPath $script:folder
        Add-AdaToGroup $script:executives
        Disable-ModeUser 'ada@example.com' -JournalPath $script:folder
        $machineB = @(Get-ChildItem -LiteralPath $script:folder -Filter '*.jsonl' | Where-Object Name -NotLike '*-AGENT-A.jsonl')
        $machineB.Count | Should -Be 1
        Set-JournalClockBack -Path $machineB[0].FullName -Minutes 30
        Get-AdaGroupIds | Should -BeNullOrEmpty

        Enable-ModeUser 'ada@example.com' -RestoreGroups -JournalPath $script:folder -WarningVariable warned

        Get-AdaGroupIds | Should -Be @(@($script:finance.id, $script:analytics.id, $script:executives.id) | Sort-Object)
        $warned | Should -BeNullOrEmpty
        $history = @(Get-ModeScimJournal -Path $script:folder -UserId $script:ada.id)
        $history.Action | Should -Be @('Disable', 'Enable', 'Disable', 'Enable') -Because 'the journal is read in the order the records were made'
        $history[0].Host | Should -Be 'AGENT-A'
        $history[1].After | Should -Be @("$(Split-Path $fileA -Leaf) seq 1")
        $history[2].Sequence | Should -Be 2
    }

    It 'says so when only the clocks could tell which of two leavings came last' {
        # Two agents that each started from an empty journal folder, merged into one store afterwards: neither record
        # can name the other. Agent A offboards Ada at 10:00; she comes back and joins Executives outside ModeScim;
        # agent B offboards her at 10:05 by its clock, which is 30 minutes behind, so its record says 09:35.
        $storeA = Join-Path $script:work 'a'
        $storeB = Join-Path $script:work 'b'
        $null = New-Item -ItemType Directory -Path $storeA, $storeB
        Disable-ModeUser 'ada@example.com' -JournalPath $storeA
        $fileA = Move-JournalToMachine -From $storeA -To $script:folder -Machine 'AGENT-A'
        $null = Invoke-EmulatorScim -Emulator $script:Emulator -Method Patch -Path "Users/$($script:ada.id)" -Body @{
            schemas = @('urn:ietf:params:scim:api:messages:2.0:PatchOp'); Operations = @(@{ op = 'replace'; value = @{ active = $true } }) }
        $script:finance, $script:analytics, $script:executives | ForEach-Object { Add-AdaToGroup $_ }
        Disable-ModeUser 'ada@example.com' -JournalPath $storeB
        $fileB = Move-JournalToMachine -From $storeB -To $script:folder -Machine 'AGENT-B'
        Set-JournalClockBack -Path $fileB -Minutes 30

        $warnings = @(Enable-ModeUser 'ada@example.com' -RestoreGroups -JournalPath $script:folder 3>&1 | ForEach-Object { "$_" })

        Get-AdaGroupIds | Should -Be @(@($script:finance.id, $script:analytics.id) | Sort-Object) -Because 'without a link, the later clock time is taken'
        $warnings | Should -HaveCount 1
        $warnings[0] | Should -BeLike "*AGENT-A*$(Split-Path $fileA -Leaf)*AGENT-B*$(Split-Path $fileB -Leaf)*clock*"
    }
}
