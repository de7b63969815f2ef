# Changing people: New-/Set-/Disable-/Enable-TallyfyUser, New-/Remove-TallyfyGuest, New-/Set-/Remove-TallyfyGroup,
# through a real pwsh against a real sandbox process. The file owns its sandbox (it reads the request log and sets limits).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 20
    $script:org = $sb.OrganizationId
    function script:Fresh {
        Reset-TallyfySandbox $sb -Runs 20
        $null = Connect-TallyfySandbox $sb
    }
    function script:Member([long] $Id) { (Invoke-TallyfySandboxControl $sb GET info).members | Where-Object id -eq $Id }
    function script:GroupNow([string] $Name) { Get-TallyfyGroup -Name $Name }
    function script:Writes([long] $Since) { @(Mutations $Since) }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'New-TallyfyUser' {
    BeforeAll { Fresh }

    It 'invites from CSV rows by property name: Invited, AlreadyMember with nothing sent, and Refused naming the missing field' {
        $csv = Join-Path $TestDrive 'people.csv'
        @(
            [pscustomobject]@{ Email = 'nina.park@acme.example'; FirstName = 'Nina'; LastName = 'Park'; Role = 'standard'; Message = 'Welcome, Nina.' }
            [pscustomobject]@{ Email = 'MARCO.REYES@acme.example'; FirstName = 'Marco'; LastName = 'Reyes'; Role = 'standard'; Message = '' }
            [pscustomobject]@{ Email = 'no.last@acme.example'; FirstName = 'No'; LastName = ''; Role = 'light'; Message = '' }
        ) | Export-Csv -LiteralPath $csv -NoTypeInformation
        $seq = LastSeq
        $out = @(Import-Csv $csv | New-TallyfyUser -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Status | Should -Be 'Invited', 'AlreadyMember', 'Refused'
        $out[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyUserChangeResult])
        $out[0].UserId | Should -BeGreaterThan 1011
        $out[0].UserStatus | Should -Be 'invited'
        $out[0].PerformedBy | Should -Be 'dana.whitfield@acme.example'
        $out[1].UserId | Should -Be 1002
        $out[1].Attempts | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'UserFieldMissing,*'
        $errs[0].ErrorDetails.Message | Should -Match '-LastName'
        $posts = @(Writes $seq)
        $posts.Count | Should -Be 1                                                   # only Nina's invitation was sent
        $posts[0].path | Should -BeLike '*/users/invite'
        (Member $out[0].UserId).status | Should -Be 'invited'
        # Export-Csv cleanly: one line per result, the status as text.
        $out | Export-Csv -LiteralPath (Join-Path $TestDrive 'out.csv') -NoTypeInformation
        (Import-Csv (Join-Path $TestDrive 'out.csv')).Status | Should -Be 'Invited', 'AlreadyMember', 'Refused'
    }

    It 'gives a missing -Message a default text that names the organization, and refuses an invitation without -Role' {
        $r = New-TallyfyUser -Email 'omar.haddad@acme.example' -FirstName Omar -LastName Haddad -Role light
        $r.Status | Should -Be 'Invited'
        $feed = Invoke-RestMethod -Uri "$($sb.ApiUri.ToString().TrimEnd('/'))/organizations/$org/activity-feeds?verb=invited&per_page=50" -Headers @{ Authorization = "Bearer $($sb.Tokens['admin'])"; 'X-Tallyfy-Client' = 'APIClient' }
        $sent = @($feed.data | Where-Object { "$($_.description)" -match 'omar.haddad' })
        $sent.Count | Should -Be 1
        $sent[0].text | Should -Match 'Omar, you are invited to join Acme Operations'         # the default message names the organization
        (Invoke-TallyfySandboxControl $sb GET info).members.Count | Should -BeGreaterThan 14
        # A row (a pipeline) is never asked: it is refused, naming the field.
        $refused = [pscustomobject]@{ Email = 'x.y@acme.example'; FirstName = 'X'; LastName = 'Y' } | New-TallyfyUser -ErrorVariable e -ErrorAction SilentlyContinue
        $refused.Status | Should -Be 'Refused'
        $e[0].FullyQualifiedErrorId | Should -BeLike 'UserFieldMissing,*'
        $e[0].ErrorDetails.Message | Should -Match '-Role'
    }

    It 'asks for what is missing when typed at a prompt, and invites with the answers' {
        $child = Invoke-ChildPwsh -InputText "Priyanka`nlight`n" -Script @"
Import-Module '$script:ModuleUnderTest'
`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$org' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force)
`$r = New-TallyfyUser -Email 'priyanka.rao@acme.example' -LastName Rao
"RESULT `$(`$r.Status) `$(`$r.Role)"
"@
        $child.Output | Should -Match 'Tallyfy requires these to invite priyanka.rao@acme.example'
        $child.Output | Should -Match 'RESULT Invited light'
        (Get-TallyfyUser -Email 'priyanka.rao@acme.example').FirstName | Should -Be 'Priyanka'
    }

    It 'finds a member it invited by id in the same session (the members were read before)' {
        $null = Set-TallyfyUser -Id 1004 -Role standard                                    # the session reads the members
        $new = New-TallyfyUser -Email 'quinn.ford@acme.example' -FirstName Quinn -LastName Ford -Role standard
        $new.Status | Should -Be 'Invited'
        (Disable-TallyfyUser -Id $new.UserId).Status | Should -Be 'Disabled'
    }

    It 'sends nothing under -WhatIf' {
        $seq = LastSeq
        New-TallyfyUser -Email 'what.if@acme.example' -FirstName What -LastName If -Role standard -WhatIf | Should -BeNullOrEmpty
        Writes $seq | Should -BeNullOrEmpty
    }
}

Describe 'The seat pool' {
    BeforeAll { Fresh }
    AfterAll { Invoke-TallyfySandboxControl $sb DELETE limits | Out-Null }

    It 'turns a 409 SEAT_POOL_EXHAUSTED into SeatLimitReached naming the pool, for an invite, a role change and an enable' {
        # Acme holds 5 full seats (1001, 1002, 1004, 1005, 1008 invited) and 3 light ones (1003, 1006 invited, 1009).
        Invoke-TallyfySandboxControl $sb PUT limits @{ seatsFull = 5; seatsLight = 3 } | Out-Null
        $invite = New-TallyfyUser -Email 'seat.less@acme.example' -FirstName Seat -LastName Less -Role light -ErrorVariable e1 -ErrorAction SilentlyContinue
        $invite.Status | Should -Be 'Failed'
        $invite.HttpStatus | Should -Be 409
        $e1[0].FullyQualifiedErrorId | Should -BeLike 'SeatLimitReached,*'
        $e1[0].CategoryInfo.Category | Should -Be 'QuotaExceeded'
        $e1[0].ErrorDetails.Message | Should -Match 'light seat pool'
        $role = Set-TallyfyUser -Id priya.natarajan@acme.example -Role standard -ErrorVariable e2 -ErrorAction SilentlyContinue
        $role.Status | Should -Be 'Failed'
        $e2[0].ErrorDetails.Message | Should -Match 'full seat pool'
        $enable = Enable-TallyfyUser -Id 1007 -ErrorVariable e3 -ErrorAction SilentlyContinue
        $enable.Status | Should -Be 'Failed'
        $e3[0].FullyQualifiedErrorId | Should -BeLike 'SeatLimitReached,*'
        (Member 1007).status | Should -Be 'disabled'
    }
}

Describe 'Set-TallyfyUser, Disable-TallyfyUser, Enable-TallyfyUser' {
    BeforeAll { Fresh }

    It 'take members by email, id and piped users; idempotent: AlreadyDisabled and AlreadyEnabled with nothing sent' {
        $seq = LastSeq
        $out = @(Disable-TallyfyUser -Id 'liam.oconnor@acme.example', 1007)
        $out.Status | Should -Be 'Disabled', 'AlreadyDisabled'
        $out.UserId | Should -Be 1004, 1007
        @(Writes $seq).Count | Should -Be 1
        (Member 1004).status | Should -Be 'disabled'
        $seq = LastSeq
        $on = @(Get-TallyfyUser -Email 'liam.oconnor@acme.example', 'dana.whitfield@acme.example' | Enable-TallyfyUser)
        ($on | Where-Object UserId -eq 1004).Status | Should -Be 'Enabled'
        ($on | Where-Object UserId -eq 1001).Status | Should -Be 'AlreadyEnabled'
        @(Writes $seq).Count | Should -Be 1
        (Member 1004).status | Should -Be 'active'
        $same = Set-TallyfyUser -Id 1004 -Role standard
        $same.Status | Should -Be 'AlreadyInRole'
        $changed = Set-TallyfyUser -Id 1004 -Role admin
        $changed.Status | Should -Be 'RoleChanged'
        $changed.Role | Should -Be 'admin'
    }

    It 'refuses an email that is nobody''s, naming the nearest member, with nothing sent' {
        $seq = LastSeq
        $r = Disable-TallyfyUser -Id 'marco.reyse@acme.example' -ErrorVariable e -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Refused'
        $e[0].FullyQualifiedErrorId | Should -BeLike 'UserNotFound,*'
        $e[0].ErrorDetails.Message | Should -Match 'marco.reyes@acme.example'
        Writes $seq | Should -BeNullOrEmpty
    }

    It 'sends nothing under -WhatIf' {
        $seq = LastSeq
        Disable-TallyfyUser -Id 1002 -WhatIf | Should -BeNullOrEmpty
        Writes $seq | Should -BeNullOrEmpty
        (Member 1002).status | Should -Be 'active'
    }
}

Describe 'New-TallyfyGuest and Remove-TallyfyGuest' {
    BeforeAll { Fresh }

    It 'creates guests until the hourly cap: the rest NotAttempted with one RateLimited, nothing invited past it' {
        Invoke-TallyfySandboxControl $sb PUT limits @{ guestInvitesPerWindow = 2 } | Out-Null
        try {
            $rows = 1..4 | ForEach-Object { [pscustomobject]@{ Email = "bulk.guest$_@partner.example"; FirstName = 'Bulk'; LastName = "Guest$_"; Company = 'Partner' } }
            $seq = LastSeq
            $out = @($rows | New-TallyfyGuest -ThrottleLimit 1 -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.Status | Should -Be 'Created', 'Created', 'NotAttempted', 'NotAttempted'
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'RateLimited,*'
            $creates = @(RequestsSince $seq | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/guests' })
            @($creates | Where-Object status -lt 300).Count | Should -Be 2
            @($creates | Where-Object status -eq 429).Count | Should -Be 1                     # learned once: the last row is not sent
            $creates.Count | Should -Be 3
            @(Get-TallyfyGuest).Email | Should -Not -Contain 'bulk.guest3@partner.example'
        }
        finally { Invoke-TallyfySandboxControl $sb DELETE limits | Out-Null }
    }

    It 'is AlreadyGuest for a guest and refuses a member''s email (EmailIsMember), nothing sent' {
        $seq = LastSeq
        $out = @(New-TallyfyGuest -Email 'sam.lee@northwind.example'; New-TallyfyGuest -Email 'marco.reyes@acme.example' -ErrorVariable e -ErrorAction SilentlyContinue)
        $out.Status | Should -Be 'AlreadyGuest', 'Refused'
        $e[0].FullyQualifiedErrorId | Should -BeLike 'EmailIsMember,*'
        Writes $seq | Should -BeNullOrEmpty
    }

    It 'removes a guest by email (detached from every task), refuses an unknown email, and sends nothing under -WhatIf' {
        $seq = LastSeq
        Remove-TallyfyGuest -Email 'tom.baker@contractors.example' -WhatIf | Should -BeNullOrEmpty
        Writes $seq | Should -BeNullOrEmpty
        $out = @(Get-TallyfyGuest -Email 'tom.baker@contractors.example' | Remove-TallyfyGuest -Force)
        $out.Status | Should -Be 'Removed'
        @(Get-TallyfyGuest).Email | Should -Not -Contain 'tom.baker@contractors.example'
        (GroupNow 'External reviewers').Guests | Should -Not -Contain 'tom.baker@contractors.example'
        $r = Remove-TallyfyGuest -Email 'nobody@nowhere.example' -Force -ErrorVariable e -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Refused'
        $e[0].FullyQualifiedErrorId | Should -BeLike 'GuestNotFound,*'
    }
}

Describe 'Groups' {
    BeforeAll { Fresh }

    It 'creates a group with members and guests by email, id and object, and refuses a name that exists' {
        $marco = Get-TallyfyUser -Email marco.reyes@acme.example
        $g = New-TallyfyGroup -Name 'Auditors' -Description 'Outside eyes.' -Member $marco, 1004, 'ines.duarte@acme.example' -Guest 'sam.lee@northwind.example'
        $g.Status | Should -Be 'Created'
        ($g.MemberIds | Sort-Object) | Should -Be 1002, 1004, 1009
        $g.Guests | Should -Be 'sam.lee@northwind.example'
        $dup = New-TallyfyGroup -Name 'finance team' -Description 'x' -ErrorVariable e -ErrorAction SilentlyContinue
        $dup.Status | Should -Be 'Refused'
        $e[0].FullyQualifiedErrorId | Should -BeLike 'GroupAlreadyExists,*'
    }

    It 'refuses a member that is nobody (OwnerNotFound), with nothing sent' {
        $seq = LastSeq
        $r = New-TallyfyGroup -Name 'Ghosts' -Description 'x' -Member 'ghost@acme.example' -ErrorVariable e -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Refused'
        $e[0].FullyQualifiedErrorId | Should -BeLike 'OwnerNotFound,*'
        Writes $seq | Should -BeNullOrEmpty
    }

    It 'defends the trap: adding a member keeps the guests, a rename keeps both lists (the whole group is sent each time)' {
        $before = GroupNow 'Finance team'
        $before.Guests | Should -Not -BeNullOrEmpty
        $r = Set-TallyfyGroup -Name 'Finance team' -AddMember 'liam.oconnor@acme.example'
        $r.Status | Should -Be 'Updated'
        $r.Changes | Should -Be '+1004'
        $after = GroupNow 'Finance team'
        ($after.MemberIds | Sort-Object) | Should -Be (@($before.MemberIds) + 1004 | Sort-Object)
        $after.Guests | Should -Be $before.Guests                                           # an update without guests would have emptied them
        $renamed = Get-TallyfyGroup -Name 'Finance team' | Set-TallyfyGroup -NewName 'Finance' -Description 'Books.'
        $renamed.Status | Should -Be 'Updated'
        $now = GroupNow 'Finance'
        ($now.MemberIds | Sort-Object) | Should -Be ($after.MemberIds | Sort-Object)
        $now.Guests | Should -Be $before.Guests
    }

    It 'removes members and guests, is Unchanged with nothing sent when all is in place, and sends nothing under -WhatIf' {
        $r = Set-TallyfyGroup -Name 'Customer success' -RemoveMember 1002 -RemoveGuest 'sam.lee@northwind.example'
        $r.Status | Should -Be 'Updated'
        $r.Changes | Should -Be '-1002 -sam.lee@northwind.example'
        (GroupNow 'Customer success').MemberIds | Should -Not -Contain 1002
        $seq = LastSeq
        (Set-TallyfyGroup -Name 'Customer success' -AddMember 1003).Status | Should -Be 'Unchanged'
        Set-TallyfyGroup -Name 'Customer success' -AddMember 1004 -WhatIf | Should -BeNullOrEmpty
        Writes $seq | Should -BeNullOrEmpty
    }

    It 'deletes a group by name (prompting as high impact unless -Force), and refuses one that does not exist' {
        $seq = LastSeq
        Remove-TallyfyGroup -Name Legal -WhatIf | Should -BeNullOrEmpty
        Writes $seq | Should -BeNullOrEmpty
        $r = Remove-TallyfyGroup -Name Legal -Force
        $r.Status | Should -Be 'Removed'
        @(Get-TallyfyGroup).Name | Should -Not -Contain 'Legal'
        $gone = Remove-TallyfyGroup -Name Legal -Force -ErrorVariable e -ErrorAction SilentlyContinue
        $gone.Status | Should -Be 'Refused'
        $e[0].FullyQualifiedErrorId | Should -BeLike 'GroupNotFound,*'
    }
}

Describe 'Bots, the default admin and the result tables' {
    BeforeAll { Fresh }

    It 'reads IsBot and IsDefaultAdmin from the members list' {
        (Get-TallyfyUser -Email workflow.bot@acme.example).IsBot | Should -BeTrue
        (Get-TallyfyUser -Email dana.whitfield@acme.example).IsDefaultAdmin | Should -BeTrue
        (Get-TallyfyUser -Email sofia.rossi@acme.example).IsDefaultAdmin | Should -BeFalse
    }

    It 'completes group names, members'' and guests'' emails' {
        $line = 'Remove-TallyfyGroup -Name Fin'
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) | Should -Contain "'Finance team'"
        $line = 'Set-TallyfyGroup -Name Legal -AddGuest rita'
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) | Should -Contain 'rita.gomez@fabrikam.example'
        $line = 'Disable-TallyfyUser -Id marco'
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) | Should -Contain 'marco.reyes@acme.example'
    }

    It 'fit 80 and 120 columns with the email, name or message whole' {
        $users = @(Disable-TallyfyUser -Id 1002, 1007)
        $guests = @(New-TallyfyGuest -Email 'sam.lee@northwind.example')
        $groups = @(Set-TallyfyGroup -Name 'Finance team' -AddMember 1004)
        foreach ($w in 80, 120) {
            foreach ($set in @(, $users) + @(, $guests) + @(, $groups)) {
                $text = $set | Format-Table | Out-String -Width $w
                foreach ($line in ($text -split '\r?\n')) { $line.TrimEnd().Length | Should -BeLessOrEqual $w }
            }
            ($users | Format-Table | Out-String -Width $w) | Should -Match ([regex]::Escape('amara.okafor@acme.example'))
            ($guests | Format-Table | Out-String -Width $w) | Should -Match 'Sam Lee'
            ($groups | Format-Table | Out-String -Width $w) | Should -Match 'Finance team: \+1004'
        }
    }
}
