#include "core/messages.hpp"

namespace yq::core {

namespace {

// clang-format off
const std::vector<Message> kMessages{
  {"error.bad_request", "The request could not be understood.", "無法理解此請求。", "无法理解此请求。"},
  {"error.invalid_json", "The request body is not valid JSON.", "請求內容不是有效的 JSON。", "请求内容不是有效的 JSON。"},
  {"error.validation", "Some of the details entered need correcting.", "部分輸入資料需要更正。", "部分输入资料需要更正。"},
  {"error.unauthenticated", "Please sign in to continue.", "請先登入。", "请先登录。"},
  {"error.invalid_credentials", "The e-mail or password is incorrect.", "電郵或密碼不正確。", "电子邮箱或密码不正确。"},
  {"error.mfa_required", "Enter the 6-digit code from your authenticator app.", "請輸入驗證器應用程式中的 6 位數字驗證碼。", "请输入验证器应用中的 6 位数字验证码。"},
  {"error.mfa_enrolment_required", "Staff accounts must set up an authenticator app before continuing.", "職員帳戶必須先設定驗證器應用程式才能繼續。", "员工账户必须先设置验证器应用才能继续。"},
  {"error.mfa_code_invalid", "That code is not correct. Check the time on your phone and try again.", "驗證碼不正確。請檢查手機時間後再試。", "验证码不正确。请检查手机时间后再试。"},
  {"error.too_many_attempts", "Too many attempts. Please wait a while and try again.", "嘗試次數過多，請稍後再試。", "尝试次数过多，请稍后再试。"},
  {"error.forbidden", "You do not have permission to do this.", "你沒有權限執行此操作。", "你没有权限执行此操作。"},
  {"error.not_found", "We could not find what you asked for.", "找不到你要求的內容。", "找不到你请求的内容。"},
  {"error.route_not_found", "There is no such address.", "沒有這個網址。", "没有这个网址。"},
  {"error.method_not_allowed", "This address does not accept that kind of request.", "此網址不接受這類請求。", "此网址不接受这类请求。"},
  {"error.conflict", "Someone else changed this at the same time. Please reload and try again.", "此資料剛被他人更改，請重新載入後再試。", "此资料刚被他人更改，请重新加载后再试。"},
  {"error.email_taken", "An account with this e-mail already exists. Try signing in or resetting the password.", "此電郵已有帳戶，請嘗試登入或重設密碼。", "此电子邮箱已有账户，请尝试登录或重置密码。"},
  {"error.payload_too_large", "What you sent is too large.", "傳送的內容太大。", "发送的内容太大。"},
  {"error.unsupported_media_type", "This kind of content is not accepted here.", "此處不接受這類內容。", "此处不接受这类内容。"},
  {"error.token_invalid", "This link is invalid or has expired. Please request a new one.", "此連結無效或已過期，請重新申請。", "此链接无效或已过期，请重新申请。"},
  {"error.csrf_rejected", "This request did not come from the Yiqiao app and was refused.", "此請求並非來自醫橋應用程式，已被拒絕。", "此请求并非来自医桥应用，已被拒绝。"},
  {"error.unavailable", "The service is temporarily unavailable. Please try again shortly.", "服務暫時無法使用，請稍後再試。", "服务暂时不可用，请稍后再试。"},
  {"error.internal", "Something went wrong on our side. Please try again.", "系統出現問題，請再試一次。", "系统出现问题，请再试一次。"},
  {"error.slot_taken", "That time was just taken. Please choose another time.", "這個時間剛剛被預約了，請選擇其他時間。", "这个时间刚刚被预约了，请选择其他时间。"},
  {"error.slot_unavailable", "This time can no longer be booked. Please choose another time.", "此時段已不能預約，請選擇其他時間。", "此时段已不能预约，请选择其他时间。"},
  {"error.change_window_closed", "This appointment can no longer be changed online. Please contact the clinic.", "此預約已不能在網上更改，請聯絡診所。", "此预约已不能在网上更改，请联系诊所。"},
  {"error.invalid_transition", "This appointment cannot be moved to that state now.", "此預約現在不能轉為該狀態。", "此预约现在不能转为该状态。"},
  {"error.idempotency_mismatch", "This repeats an earlier request with different details. Start again.", "此請求與先前的請求重複但內容不同，請重新開始。", "此请求与先前的请求重复但内容不同，请重新开始。"},
  {"error.queue_closed", "This queue is closed now. See its opening hours or book an appointment.", "此輪候隊伍現已關閉，請查看開放時間或預約應診。", "此排队队伍现已关闭，请查看开放时间或预约就诊。"},
  {"error.too_many_children", "You already manage as many children as one account may (10).", "一個帳戶最多可管理 10 名兒童，你已達上限。", "一个账户最多可管理 10 名儿童，你已达上限。"},
  {"error.too_many_requests_open", "You have 20 carer requests waiting for an answer. Withdraw one before asking again.", "你有 20 個照顧者請求正在等候回覆。請先撤回其中一個，再提出新請求。", "你有 20 个照顾者请求正在等待回复。请先撤回其中一个，再提出新请求。"},
  {"error.email_not_verified", "Confirm your e-mail address first: open the link we sent you (or ask for a new one on your profile).", "請先確認你的電郵地址：打開我們寄給你的連結（或在個人資料頁要求新連結）。", "请先确认你的电子邮件地址：打开我们发给你的链接（或在个人资料页申请新链接）。"},
  {"error.too_many_bookings", "This patient already has as many upcoming appointments as allowed. Cancel one to book another.", "此病人的未來預約已達上限。請先取消其中一個，再作新預約。", "此病人的未来预约已达上限。请先取消其中一个，再作新预约。"},
  {"error.already_queued", "You are already waiting in this queue.", "你已在此隊伍中輪候。", "你已在此队伍中排队。"},
  {"error.emergency_advice", "Your answers suggest you may need urgent care. Call 999 or go to the nearest Accident and Emergency department now.", "根據你的回答，你可能需要緊急治療。請立即致電 999 或前往最近的急症室。", "根据你的回答，你可能需要紧急治疗。请立即拨打 999 或前往最近的急诊室。"},
  {"error.doctor_busy", "You are already seeing a patient. Finish that consultation first.", "你正在診症中，請先完成該次診症。", "你正在诊症中，请先完成该次诊症。"},
  {"error.queue_empty", "Nobody is waiting in this queue.", "此隊伍沒有人輪候。", "此队伍没有人排队。"},
  {"error.not_on_duty", "You are not on duty for this queue.", "你並非此隊伍的當值醫生。", "你并非此队伍的当值医生。"},
  {"error.room_closed", "This consultation is not open now. You can join from 10 minutes before the appointment.", "此診症現時未開放。你可於預約時間前 10 分鐘加入。", "此问诊现在未开放。你可于预约时间前 10 分钟加入。"},
  {"error.not_online", "This appointment is in person, not online.", "此預約須親身應診，並非網上診症。", "此预约须亲自到诊，并非在线问诊。"},
  {"error.room_full", "This consultation already has four participants.", "此診症已有四位參與者。", "此问诊已有四位参与者。"},
  {"error.consultation_ended", "This consultation has ended.", "此診症已結束。", "此问诊已结束。"},
  {"error.note_signed", "This note is signed. Add an amendment instead.", "此紀錄已簽署，請改為加入修訂。", "此记录已签署，请改为添加修订。"},
  {"error.note_not_signed", "Sign the note before amending it.", "請先簽署紀錄，然後才可修訂。", "请先签署记录，然后才能修订。"},
  {"error.follow_up_closed", "The follow-up period for this consultation is over. Book a new appointment to ask the doctor.", "此診症的跟進期已經結束。如有查詢，請預約新的診症。", "此问诊的随访期已经结束。如有疑问，请预约新的问诊。"},
  {"error.version_conflict", "Someone changed this entry while you were editing it. Reload it to see the latest version, then make your change again.", "你編輯期間，有人修改了此項紀錄。請重新載入查看最新版本，再作修改。", "你编辑期间，有人修改了此条记录。请重新加载查看最新版本，再作修改。"},
  {"error.sharing_not_joined", "Join the sharing of your health record first, then choose which organisations may see it.", "請先參加健康紀錄互通，再選擇哪些機構可以查閱。", "请先加入健康记录共享，再选择哪些机构可以查阅。"},
  {"error.already_consented", "The patient has already given your organisation consent to see their record.", "病人已同意貴機構查閱其健康紀錄。", "患者已同意贵机构查阅其健康记录。"},
  {"error.choose_organisation", "You work for more than one organisation that cares for this patient. Choose which one you are reading for.", "你所屬的多於一間機構正在照顧此病人。請選擇你代表哪間機構查閱。", "你所属的多于一家机构正在照护此患者。请选择你代表哪家机构查阅。"},
  {"error.too_many_restrictions", "You have 100 restrictions on your record. Lift one before adding another.", "你的紀錄已有 100 項限制。請先取消其中一項，再新增限制。", "你的记录已有 100 项限制。请先取消其中一项，再添加限制。"},
  {"error.request_paused", "The patient declined or has not answered your last request. You can ask again later.", "病人拒絕了或尚未回覆你上次的請求，請稍後再問。", "患者拒绝了或尚未回复你上次的请求，请稍后再问。"},
  {"ws.invalid_json", "The message is not a JSON object with a text \"type\".", "訊息不是帶有文字 \"type\" 的 JSON 物件。", "消息不是带有文本 \"type\" 的 JSON 对象。"},
  {"ws.unknown_type", "The server does not know this kind of message.", "伺服器不認識這種訊息。", "服务器不认识这种消息。"},
  {"ws.rate_limited", "Too many messages of this kind were sent, so some were dropped. Please slow down.", "此類訊息發送過於頻繁，部分已被略去，請放慢。", "此类消息发送过于频繁，部分已被丢弃，请放慢。"},
  {"ws.too_many_sockets", "Too many windows are connected with this account. Close some and try again.", "此帳戶連線的視窗過多，請關閉部分後再試。", "此账户连接的窗口过多，请关闭部分后再试。"},
  {"ws.invalid_message", "The message is missing a field or has one of the wrong kind.", "訊息缺少欄位，或欄位格式不正確。", "消息缺少字段，或字段格式不正确。"},
  {"ws.token_invalid", "This call link has expired or is not yours. Please join the consultation again.", "此通話連結已過期或不屬於你，請重新加入診症。", "此通话链接已过期或不属于你，请重新加入问诊。"},
  {"ws.room_full", "This consultation already has four participants.", "此診症已有四位參與者。", "此问诊已有四位参与者。"},
  {"ws.peer_taken", "This page is already in the call on another connection.", "此頁面已經由另一個連線加入通話。", "此页面已经由另一个连接加入通话。"},
  {"ws.not_in_room", "You have not been let into this call yet, or the person you are calling has left.", "你尚未獲准進入此通話，或對方已離開。", "你尚未获准进入此通话，或对方已离开。"},
  {"error.invalid_encoding", "The address or a header of the request contains text that is not valid UTF-8.", "請求的網址或標頭含有無效的 UTF-8 文字。", "请求的网址或标头含有无效的 UTF-8 文本。"},
  {"error.headers_too_large", "The request headers are too large.", "請求標頭太大。", "请求标头太大。"},
  {"error.http_version_not_supported", "This HTTP version is not supported. Use HTTP/1.1.", "不支援此 HTTP 版本，請使用 HTTP/1.1。", "不支持此 HTTP 版本，请使用 HTTP/1.1。"},
  {"error.too_many_connections", "The server is too busy to accept this connection. Please try again shortly.", "伺服器目前連線過多，請稍後再試。", "服务器当前连接过多，请稍后再试。"},

  {"field.required", "This is required.", "此項必須填寫。", "此项必须填写。"},
  {"field.too_long", "This is too long.", "內容太長。", "内容太长。"},
  {"field.too_short", "This is too short.", "內容太短。", "内容太短。"},
  {"field.invalid", "This value is not valid.", "此值無效。", "此值无效。"},
  {"field.invalid_email", "Enter a valid e-mail address.", "請輸入有效的電郵地址。", "请输入有效的电子邮箱地址。"},
  {"field.not_invited_address", "Use the address the invitation was sent to.", "請使用收到邀請的電郵地址。", "请使用收到邀请的邮箱地址。"},
  {"field.not_a_string", "This must be text.", "此項必須是文字。", "此项必须是文字。"},
  {"field.not_a_number", "This must be a number.", "此項必須是數字。", "此项必须是数字。"},
  {"field.not_a_boolean", "This must be yes or no.", "此項必須是「是」或「否」。", "此项必须是“是”或“否”。"},
  {"field.not_a_list", "This must be a list.", "此項必須是清單。", "此项必须是列表。"},
  {"field.out_of_range", "This number is out of range.", "數值超出範圍。", "数值超出范围。"},
  {"field.unknown_choice", "Choose one of the listed options.", "請從列出的選項中選擇。", "请从列出的选项中选择。"},
  {"field.password_too_short", "Use at least 10 characters.", "密碼最少需要 10 個字元。", "密码至少需要 10 个字符。"},
  {"field.password_too_long", "Use at most 128 characters.", "密碼最多 128 個字元。", "密码最多 128 个字符。"},
  {"field.password_same_as_email", "The password must not contain your e-mail address.", "密碼不可包含你的電郵地址。", "密码不能包含你的电子邮箱地址。"},
  {"field.password_incorrect", "The current password is incorrect.", "現有密碼不正確。", "当前密码不正确。"},
  {"field.invalid_image", "Upload a JPEG or PNG picture of at most 2 MB and 4096 pixels a side.", "請上載不超過 2 MB、每邊不超過 4096 像素的 JPEG 或 PNG 圖片。", "请上传不超过 2 MB、每边不超过 4096 像素的 JPEG 或 PNG 图片。"},
  {"field.red_flag", "This needs urgent care: call 999 or go to A&E now.", "此情況需要緊急治療：請立即致電 999 或前往急症室。", "此情况需要紧急治疗：请立即拨打 999 或前往急诊室。"},
  {"field.not_a_child", "A child must be under 16. An adult can grant you carer access instead.", "兒童必須未滿 16 歲。成年人可改為授予你照顧者權限。", "儿童必须未满 16 岁。成年人可改为授予你照顾者权限。"},
  {"field.overlaps", "This overlaps another session of the same doctor.", "此時段與同一醫生的其他應診時段重疊。", "此时段与同一医生的其他应诊时段重叠。"},
  {"field.not_bookable", "This person cannot be booked for by you.", "你不能為此人預約。", "你不能为此人预约。"},
  {"field.unknown_account", "No active Yiqiao account has this e-mail address.", "沒有使用此電郵地址的有效醫橋帳戶。", "没有使用此电子邮箱地址的有效医桥账户。"},
  {"field.already_in_room", "This person is already part of the consultation.", "此人已是診症的參與者。", "此人已是问诊的参与者。"},
  {"field.too_many_invitees", "At most two people can be invited: a consultation holds four.", "最多可邀請兩人：每次診症最多四位參與者。", "最多可邀请两人：每次问诊最多四位参与者。"},
  {"field.cannot_remove_patient", "The patient cannot be removed from their own consultation. End the consultation instead.", "不能將病人移出其本人的診症，請改為結束診症。", "不能将患者移出其本人的问诊，请改为结束问诊。"},
  {"field.empty_message", "Write a message or attach a file.", "請輸入訊息或附加檔案。", "请输入消息或附加文件。"},
  {"field.invalid_attachment", "Attach a JPEG or PNG picture or a PDF of at most 10 MB.", "請附加不超過 10 MB 的 JPEG 或 PNG 圖片或 PDF 檔案。", "请附加不超过 10 MB 的 JPEG 或 PNG 图片或 PDF 文件。"},
  {"field.unknown_diagnosis", "Choose diagnoses from the coded list.", "請從編碼清單中選擇診斷。", "请从编码列表中选择诊断。"},
  {"field.unknown_code", "Choose a code from the list.", "請從清單中選擇編碼。", "请从列表中选择编码。"},
  {"field.in_future", "This date is in the future.", "此日期尚未到。", "此日期在将来。"},
  {"field.not_a_pdf", "This file is not a PDF document.", "此檔案不是 PDF 文件。", "此文件不是 PDF 文档。"},
  {"field.note_incomplete", "Write the assessment or choose a diagnosis before signing.", "簽署前請填寫評估或選擇診斷。", "签署前请填写评估或选择诊断。"},
  {"field.unknown", "This field is not recognised.", "無法識別此欄位。", "无法识别此字段。"},

  {"mail.password_reset.subject", "Reset your Yiqiao password", "重設你的醫橋密碼", "重置你的医桥密码"},
  {"mail.password_reset.body", "Someone asked to reset the password of your Yiqiao account. If it was you, open this link within 30 minutes:\n\n{link}\n\nIf it was not you, ignore this message; your password stays the same.", "有人要求重設你的醫橋帳戶密碼。如果是你本人，請在 30 分鐘內開啟以下連結：\n\n{link}\n\n如果不是你，請忽略此訊息，你的密碼不會改變。", "有人请求重置你的医桥账户密码。如果是你本人，请在 30 分钟内打开以下链接：\n\n{link}\n\n如果不是你，请忽略此消息，你的密码不会改变。"},
  {"mail.password_changed.subject", "Your Yiqiao password was changed", "你的醫橋密碼已更改", "你的医桥密码已更改"},
  {"mail.password_changed.body", "The password of your Yiqiao account was changed and every other device was signed out. If this was not you, reset your password now and contact your clinic.", "你的醫橋帳戶密碼已更改，其他裝置已全部登出。如非本人操作，請立即重設密碼並聯絡你的診所。", "你的医桥账户密码已更改，其他设备已全部退出登录。如非本人操作，请立即重置密码并联系你的诊所。"},
  {"mail.staff_invite.subject", "An invitation to join {org} on Yiqiao", "{org} 邀請你加入醫橋", "{org} 邀请你加入医桥"},
  {"mail.staff_invite.body", "{org} invites you to join its staff on Yiqiao. To accept, open this link within 7 days, then sign in with this e-mail address or create an account with it:\n\n{link}\n\nYou will then set up an authenticator app. If you did not expect this, ignore this message.", "{org} 邀請你成為其醫橋職員。如接受邀請，請在 7 天內開啟以下連結，然後以此電郵地址登入或建立帳戶：\n\n{link}\n\n之後你需要設定驗證器應用程式。如你沒有預期收到此邀請，請忽略此訊息。", "{org} 邀请你成为其医桥员工。如接受邀请，请在 7 天内打开以下链接，然后以此邮箱地址登录或创建账户：\n\n{link}\n\n之后你需要设置验证器应用。如你没有预期收到此邀请，请忽略此消息。"},
  {"mail.verify_email.subject", "Confirm your e-mail address for Yiqiao", "確認你的醫橋電郵地址", "确认你的医桥邮箱地址"},
  {"mail.verify_email.body", "Please confirm that this address belongs to your Yiqiao account by opening this link within 3 days:\n\n{link}\n\nIf you did not create a Yiqiao account, ignore this message.", "請在 3 天內開啟以下連結，確認此電郵地址屬於你的醫橋帳戶：\n\n{link}\n\n如你沒有建立醫橋帳戶，請忽略此訊息。", "请在 3 天内打开以下链接，确认此邮箱地址属于你的医桥账户：\n\n{link}\n\n如你没有创建医桥账户，请忽略此消息。"},
  {"notice.record.accessed.title", "Your health record was read", "你的健康紀錄已被查閱", "你的健康记录已被查阅"},
  {"notice.record.accessed.body", "{reader} of {organisation} opened the health record of {patient} today. See who looked at the record in My health record.", "{organisation}的{reader}今天查閱了{patient}的健康紀錄。你可在「我的健康紀錄」查看誰曾查閱。", "{organisation}的{reader}今天查阅了{patient}的健康记录。你可在“我的健康记录”查看谁曾查阅。"},
  {"notice.record.emergency_access.title", "Emergency access to a health record", "健康紀錄被緊急查閱", "健康记录被紧急查阅"},
  {"notice.record.emergency_access.body", "{reader} of {organisation} used emergency access to the health record of {patient} at {when}. It lasts 4 hours and the organisation reviews it. The reason is in the access log.", "{organisation}的{reader}於{when}以緊急方式查閱了{patient}的健康紀錄，為期 4 小時，並會由該機構覆核。原因載於查閱紀錄。", "{organisation}的{reader}于{when}以紧急方式查阅了{patient}的健康记录，为期 4 小时，并将由该机构复核。原因载于查阅记录。"},
  {"notice.record.referred.title", "A referral to another organisation", "轉介至另一機構", "转诊至另一机构"},
  {"notice.record.referred.body", "{reader} of {organisation} referred {patient} to {to_organisation}. While the referral is open, {to_organisation} may see the entries it records, and others' entries only if you give it sharing consent.", "{organisation}的{reader}已將{patient}轉介至{to_organisation}。轉介期間，{to_organisation}可查閱其自己記錄的資料；其他機構的紀錄須待你同意互通後方可查閱。", "{organisation}的{reader}已将{patient}转诊至{to_organisation}。转诊期间，{to_organisation}可查阅其自己记录的资料；其他机构的记录须经你同意共享后方可查阅。"},
  {"notice.sharing.requested.title", "A request to see a health record", "查閱健康紀錄的請求", "查阅健康记录的请求"},
  {"notice.sharing.requested.body", "{reader} of {organisation} asks for consent to see the health record of {patient} from other hospitals and clinics. Approve or decline under Sharing in My health record.", "{organisation}的{reader}請求你同意讓其查閱{patient}在其他醫院及診所的健康紀錄。請在「我的健康紀錄」的「互通」中同意或拒絕。", "{organisation}的{reader}请求你同意其查阅{patient}在其他医院和诊所的健康记录。请在“我的健康记录”的“共享”中同意或拒绝。"},
  {"notice.appointment.booked.title", "Appointment booked", "預約已確認", "预约已确认"},
  {"notice.appointment.booked.body", "Your appointment with {doctor} ({service}) is booked for {when}.", "你已預約{doctor}的{service}，時間為{when}。", "你已预约{doctor}的{service}，时间为{when}。"},
  {"notice.appointment.cancelled.title", "Appointment cancelled", "預約已取消", "预约已取消"},
  {"notice.appointment.cancelled.body", "Your appointment with {doctor} ({service}) on {when} has been cancelled.", "你於{when}與{doctor}的{service}預約已取消。", "你于{when}与{doctor}的{service}预约已取消。"},
  {"notice.appointment.rescheduled.title", "Appointment moved", "預約時間已更改", "预约时间已更改"},
  {"notice.appointment.rescheduled.body", "Your appointment with {doctor} ({service}) has moved to {when}.", "你與{doctor}的{service}預約已改為{when}。", "你与{doctor}的{service}预约已改为{when}。"},
  {"notice.appointment.needs_rebooking.title", "Please choose a new time", "請重新選擇預約時間", "请重新选择预约时间"},
  {"notice.appointment.needs_rebooking.body", "Your appointment with {doctor} ({service}) on {when} can no longer take place at that time. Please choose a new time.", "你於{when}與{doctor}的{service}預約因診所安排有變，未能如期進行。請重新選擇時間。", "你于{when}与{doctor}的{service}预约因诊所安排有变，未能如期进行。请重新选择时间。"},
  {"notice.appointment.reminder_24h.title", "Your appointment is tomorrow", "明天有預約", "明天有预约"},
  {"notice.appointment.reminder_24h.body", "Reminder: your appointment with {doctor} ({service}) is on {when}.", "提提你：你與{doctor}的{service}預約時間為{when}。", "提醒你：你与{doctor}的{service}预约时间为{when}。"},
  {"notice.appointment.reminder_1h.title", "Your appointment starts in one hour", "預約將於一小時後開始", "预约将于一小时后开始"},
  {"notice.appointment.reminder_1h.body", "Your appointment with {doctor} ({service}) starts at {when}. For a video or voice consultation, open Yiqiao a few minutes early.", "你與{doctor}的{service}預約將於{when}開始。如屬視像或語音診症，請提早幾分鐘開啟醫橋。", "你与{doctor}的{service}预约将于{when}开始。如为视频或语音问诊，请提前几分钟打开医桥。"},
  {"notice.doctor.appointment.booked.title", "New booking", "新預約", "新预约"},
  {"notice.doctor.appointment.booked.body", "{patient} booked {service} with you for {when}.", "{patient}已預約你的{service}，時間為{when}。", "{patient}已预约你的{service}，时间为{when}。"},
  {"notice.doctor.appointment.cancelled.title", "Booking cancelled", "預約已取消", "预约已取消"},
  {"notice.doctor.appointment.cancelled.body", "The {service} appointment of {patient} on {when} was cancelled.", "{patient}於{when}的{service}預約已取消。", "{patient}于{when}的{service}预约已取消。"},
  {"notice.doctor.appointment.rescheduled.title", "Booking moved", "預約時間已更改", "预约时间已更改"},
  {"notice.doctor.appointment.rescheduled.body", "The {service} appointment of {patient} has moved to {when}.", "{patient}的{service}預約已改為{when}。", "{patient}的{service}预约已改为{when}。"},
  {"notice.queue.dropped.title", "You are no longer in the queue", "你已不在輪候隊伍中", "你已不在排队队伍中"},
  {"notice.queue.dropped.body", "We lost contact with your device, so you were taken out of the queue for {service}. You can join again.", "由於與你的裝置失去聯絡，你已被移出{service}的輪候隊伍。你可以重新輪候。", "由于与你的设备失去联系，你已被移出{service}的排队队伍。你可以重新排队。"},
  {"notice.queue.taken.title", "The doctor is ready for you", "醫生現在為你診症", "医生现在为你诊症"},
  {"notice.queue.taken.body", "{doctor} is ready to see you now ({service}). Open Yiqiao to join.", "{doctor}現在可以為你診症（{service}），請開啟醫橋加入。", "{doctor}现在可以为你诊症（{service}），请打开医桥加入。"},
  {"notice.consult.invited.title", "You are invited to a consultation", "你獲邀參與診症", "你受邀参与问诊"},
  {"notice.consult.invited.body", "{doctor} invited you to join the consultation of {patient}. Open Yiqiao to join.", "{doctor}邀請你參與{patient}的診症，請開啟醫橋加入。", "{doctor}邀请你参与{patient}的问诊，请打开医桥加入。"},
  {"notice.consult.ended.title", "Your visit summary is ready", "你的診症摘要已備妥", "你的问诊摘要已备好"},
  {"notice.consult.ended.body", "Your consultation with {doctor} has ended. See the summary, rate the visit, or send a follow-up message until {until_when}.", "你與{doctor}的診症已結束。你可查看摘要、為診症評分，或於{until_when}前發送跟進訊息。", "你与{doctor}的问诊已结束。你可查看摘要、为问诊评分，或于{until_when}前发送随访消息。"},
  {"notice.consult.message.title", "New message about your consultation", "診症有新訊息", "问诊有新消息"},
  {"notice.consult.message.body", "{sender} sent a message about the consultation of {patient}.", "{sender}就{patient}的診症發送了訊息。", "{sender}就{patient}的问诊发送了消息。"},
  {"notice.carer.requested.title", "Carer access requested", "照顧者權限申請", "照顾者权限申请"},
  {"notice.carer.requested.body", "{name} asked to manage your appointments as your carer. Accept or decline in Yiqiao.", "{name}申請以照顧者身分管理你的預約。請在醫橋接受或拒絕。", "{name}申请以照顾者身份管理你的预约。请在医桥接受或拒绝。"},
  {"notice.carer.accepted.title", "Carer access granted", "照顧者權限已獲接受", "照顾者权限已获接受"},
  {"notice.carer.accepted.body", "{name} accepted: you can now manage their appointments.", "{name}已接受，你現在可以管理其預約。", "{name}已接受，你现在可以管理其预约。"},

  {"calendar.name", "Yiqiao appointments", "醫橋預約", "医桥预约"},
  {"calendar.summary", "{service} with {doctor}", "{service}（{doctor}）", "{service}（{doctor}）"},
  {"calendar.summary_for", "{patient}: {service} with {doctor}", "{patient}：{service}（{doctor}）", "{patient}：{service}（{doctor}）"},
  {"calendar.description", "{service} with {doctor}, {organisation}. Details and changes: {link}", "{organisation}{doctor}的{service}。詳情及更改：{link}", "{organisation}{doctor}的{service}。详情及更改：{link}"},
  {"calendar.online", "Online consultation in Yiqiao", "醫橋網上診症", "医桥在线问诊"},
};
// clang-format on

}  // namespace

const std::vector<Message>& all_messages() {
  return kMessages;
}

bool has_message(std::string_view key) {
  for (const auto& m : kMessages) {
    if (m.key == key) return true;
  }
  return false;
}

std::string_view message(std::string_view key, Lang lang) {
  for (const auto& m : kMessages) {
    if (m.key != key) continue;
    switch (lang) {
      case Lang::zh_hant:
        return m.zh_hant;
      case Lang::zh_hans:
        return m.zh_hans;
      case Lang::en:
        return m.en;
    }
  }
  return key;
}

}  // namespace yq::core
