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
