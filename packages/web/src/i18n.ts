/**
 * Every piece of interface text, in English and Russian, and the hook that
 * picks the current language. `ru` must have every key of `en` (the type says so).
 */
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

const en = {
  "app.name": "CICA Secretariat tracker",
  "app.footer": "Conference on Interaction and Confidence Building Measures in Asia · Secretariat, Astana",
  "app.skip": "Skip to content",

  "lang.other": "Русский",
  "lang.otherTitle": "Переключить интерфейс на русский язык",
  "lang.en": "English",
  "lang.ru": "Russian",

  "nav.label": "Main navigation",
  "nav.contributions": "Contributions",
  "nav.budget": "Budget",
  "nav.staff": "Staff matrix",
  "nav.secondments": "Secondments",
  "nav.vacancies": "Vacancies",
  "nav.statements": "Statements",
  "nav.states": "Member states",
  "nav.users": "Users",

  "header.signOut": "Sign out",
  "header.roles": "Roles",

  "role.admin": "Administrator",
  "role.finance": "Finance",
  "role.hr": "Human resources",
  "role.viewer": "Viewer",

  "signin.title": "Sign in",
  "signin.intro": "Sign in with your Secretariat account.",
  "signin.email": "Email",
  "signin.password": "Password",
  "signin.submit": "Sign in",
  "signin.busy": "Signing in…",
  "signin.sessionEnded": "Your session has ended. Please sign in again.",
  "signin.signedOut": "You have signed out.",

  "common.loading": "Loading…",
  "common.retry": "Try again",
  "common.save": "Save",
  "common.saving": "Saving…",
  "common.cancel": "Cancel",
  "common.close": "Close",
  "common.reload": "Reload",
  "common.yes": "Yes",
  "common.no": "No",
  "common.none": "—",
  "common.notRecorded": "Not recorded",
  "common.required": "required",

  "error.network": "The server cannot be reached. Check your connection and try again.",
  "error.invalidCredentials": "The email or password is not correct.",
  "error.tooManyAttempts": "Too many failed sign-ins for this email. Try again in {minutes} min.",
  "error.tooManyAttemptsLater": "Too many failed sign-ins for this email. Try again later.",
  "error.invalid": "Some fields are not valid. Please correct the marked fields.",
  "error.forbidden": "Your role does not allow this action.",
  "error.notFound": "The record was not found.",
  "error.unavailable": "The database cannot be reached right now; try again shortly.",
  "error.tooLarge": "The request is too large.",
  "error.generic": "Something went wrong on our side. Please try again.",
  "error.stateExists": "A member state with this code already exists.",
  "error.userExists": "A user with this email already exists.",
  "error.stateConflict":
    "This member state was changed by someone else after you opened it. Reload to see the current version, then make your changes again.",
  "error.userConflict": "This user was changed by someone else after you opened it. Reload and try again.",

  "issue.required": "Required.",
  "issue.email": "Not a valid email address.",
  "issue.minChars": "At least {n} characters.",
  "issue.maxChars": "At most {n} characters.",
  "issue.maxItems": "At most {n} items.",
  "issue.dateForm": "Use the form YYYY-MM-DD.",
  "issue.dateMissing": "This date does not exist.",
  "issue.code": "Use the two-letter ISO 3166-1 code in capitals, e.g. KZ.",
  "issue.oneRole": "Give at least one role.",
  "issue.selfDisable": "You cannot disable your own account.",
  "issue.selfDemote": "You cannot remove your own admin role.",
  "issue.unknownField": "Unknown field.",
  "issue.option": "Choose one of the listed values.",

  "status.member": "Member state",
  "status.observer": "Observer",
  "status.partner": "Partner",
  "status.all": "All statuses",

  "states.title": "Member states",
  "states.intro": "Member states, observers and partners of CICA, with their focal points.",
  "states.filter": "Filter",
  "states.filterPlaceholder": "Code or name",
  "states.statusFilter": "Status",
  "states.add": "Add member state",
  "states.count": "Showing {shown} of {total}",
  "states.noMatch": "No member states match the filter.",
  "states.empty": "No member states are recorded yet.",
  "states.col.code": "Code",
  "states.col.name": "Name",
  "states.col.status": "Status",
  "states.col.joinedOn": "Joined on",
  "states.col.contacts": "Contacts",

  "state.back": "All member states",
  "state.details": "Details",
  "state.code": "Code",
  "state.nameEn": "Name in English",
  "state.nameRu": "Name in Russian",
  "state.status": "Status",
  "state.joinedOn": "Joined on",
  "state.updated": "Last changed {when} by {who}",
  "state.version": "Version {n}",
  "state.contacts": "Focal points",
  "state.noContacts": "No focal points are recorded.",
  "state.edit": "Edit",
  "state.notFound": "There is no member state with code {code}.",
  "state.saved": "Changes saved.",
  "state.created": "Member state added.",

  "contact.name": "Name",
  "contact.email": "Email",
  "contact.language": "Preferred language",

  "stateForm.newTitle": "Add member state",
  "stateForm.editTitle": "Edit {name}",
  "stateForm.code": "Code (ISO 3166-1 alpha-2)",
  "stateForm.codeHint": "Two capital Latin letters, e.g. KZ.",
  "stateForm.nameEn": "Name in English",
  "stateForm.nameRu": "Name in Russian",
  "stateForm.status": "Status",
  "stateForm.joinedOn": "Joined on",
  "stateForm.joinedOnHint": "Leave empty if not known.",
  "stateForm.contacts": "Focal points",
  "stateForm.contactN": "Contact {n}",
  "stateForm.addContact": "Add contact",
  "stateForm.removeContact": "Remove",
  "stateForm.noContacts": "No focal points yet.",
  "stateForm.create": "Add member state",

  "history.title": "History",
  "history.intro": "Every change to this record, newest first.",
  "history.introUsers": "Recent changes to user accounts, newest first.",
  "history.empty": "No changes are recorded.",
  "history.when": "When",
  "history.who": "Who",
  "history.action": "Action",
  "history.changes": "Changes",
  "history.field": "Field",
  "history.before": "Before",
  "history.after": "After",
  "history.more": "Show older changes",
  "history.record": "Record",

  "action.create": "Created",
  "action.update": "Updated",
  "action.delete": "Deleted",
  "action.void": "Voided",
  "action.rename": "Renamed",
  "action.extend": "Extended",
  "action.end": "Ended",
  "action.fill": "Filled",

  "field.code": "Code",
  "field.name": "Name",
  "field.status": "Status",
  "field.joinedOn": "Joined on",
  "field.contacts": "Focal points",
  "field.email": "Email",
  "field.roles": "Roles",
  "field.disabled": "Disabled",
  "field.password": "Password",

  "users.title": "Users",
  "users.intro": "Accounts that can sign in to the tracker, and what each may do.",
  "users.add": "Add user",
  "users.col.email": "Email",
  "users.col.name": "Name",
  "users.col.roles": "Roles",
  "users.col.status": "Status",
  "users.active": "Active",
  "users.disabled": "Disabled",
  "users.manage": "Manage",
  "users.you": "you",
  "users.newTitle": "New user",
  "users.email": "Email",
  "users.name": "Name",
  "users.roles": "Roles",
  "users.password": "Password",
  "users.passwordHint": "At least 12 characters. Give it to the user in person.",
  "users.create": "Create user",
  "users.created": "User {email} created.",
  "users.notFound": "There is no user {email}.",
  "users.detailsTitle": "Name and roles",
  "users.saved": "Changes saved.",
  "users.account": "Account",
  "users.accountActive": "This account is active.",
  "users.accountDisabled": "This account is disabled: the user cannot sign in.",
  "users.disable": "Disable account",
  "users.enable": "Enable account",
  "users.disableHint": "A disabled user cannot sign in, and their open sessions end at once.",
  "users.disabledDone": "Account disabled.",
  "users.enabledDone": "Account enabled.",
  "users.resetTitle": "Reset password",
  "users.newPassword": "New password",
  "users.reset": "Reset password",
  "users.resetHint": "At least 12 characters. The user's open sessions end.",
  "users.resetDone": "Password reset. The user's open sessions have ended.",

  "forbidden.title": "Not available",
  "forbidden.text": "Your role does not give access to this area.",
  "notFound.title": "Page not found",
  "notFound.text": "There is no page at this address.",
  "notFound.home": "Go to member states",

  "placeholder.text": "This area is being prepared.",
  "placeholder.more": "It will open here in a coming update. Thank you for your patience.",
  "about.contributions": "Pledges and payments by member states, in cash and in kind, with totals by year.",
  "about.budget": "The Secretariat's annual budget by line, as drafted and as approved.",
  "about.staff": "Posts of the Secretariat by category and grade, their funding and incumbents.",
  "about.secondments": "Staff seconded by member states: start and end dates, extensions.",
  "about.vacancies": "Open positions and the candidates recommended by member states.",
  "about.statements": "Contribution statements sent to member states' focal points by email.",
} as const;

export type Key = keyof typeof en;
type Dict = Record<Key, string>;

const ru: Dict = {
  "app.name": "Система учёта Секретариата СВМДА",
  "app.footer": "Совещание по взаимодействию и мерам доверия в Азии · Секретариат, Астана",
  "app.skip": "Перейти к содержанию",

  "lang.other": "English",
  "lang.otherTitle": "Switch the interface to English",
  "lang.en": "Английский",
  "lang.ru": "Русский",

  "nav.label": "Основная навигация",
  "nav.contributions": "Взносы",
  "nav.budget": "Бюджет",
  "nav.staff": "Штатное расписание",
  "nav.secondments": "Прикомандирование",
  "nav.vacancies": "Вакансии",
  "nav.statements": "Выписки",
  "nav.states": "Государства-члены",
  "nav.users": "Пользователи",

  "header.signOut": "Выйти",
  "header.roles": "Роли",

  "role.admin": "Администратор",
  "role.finance": "Финансы",
  "role.hr": "Кадры",
  "role.viewer": "Просмотр",

  "signin.title": "Вход",
  "signin.intro": "Войдите с учётной записью Секретариата.",
  "signin.email": "Электронная почта",
  "signin.password": "Пароль",
  "signin.submit": "Войти",
  "signin.busy": "Выполняется вход…",
  "signin.sessionEnded": "Сеанс завершён. Войдите снова.",
  "signin.signedOut": "Вы вышли из системы.",

  "common.loading": "Загрузка…",
  "common.retry": "Повторить",
  "common.save": "Сохранить",
  "common.saving": "Сохранение…",
  "common.cancel": "Отмена",
  "common.close": "Закрыть",
  "common.reload": "Обновить",
  "common.yes": "Да",
  "common.no": "Нет",
  "common.none": "—",
  "common.notRecorded": "Не указано",
  "common.required": "обязательно",

  "error.network": "Сервер недоступен. Проверьте подключение и повторите попытку.",
  "error.invalidCredentials": "Неверный адрес электронной почты или пароль.",
  "error.tooManyAttempts": "Слишком много неудачных попыток входа с этим адресом. Повторите через {minutes} мин.",
  "error.tooManyAttemptsLater": "Слишком много неудачных попыток входа с этим адресом. Повторите попытку позже.",
  "error.invalid": "Некоторые поля заполнены неверно. Исправьте отмеченные поля.",
  "error.forbidden": "Ваша роль не позволяет выполнить это действие.",
  "error.notFound": "Запись не найдена.",
  "error.unavailable": "База данных сейчас недоступна. Повторите попытку чуть позже.",
  "error.tooLarge": "Слишком большой объём данных в запросе.",
  "error.generic": "На сервере произошла ошибка. Повторите попытку.",
  "error.stateExists": "Государство с таким кодом уже существует.",
  "error.userExists": "Пользователь с таким адресом уже существует.",
  "error.stateConflict":
    "После того как вы открыли эту запись, её изменил другой пользователь. Обновите страницу, чтобы увидеть текущую версию, и внесите изменения заново.",
  "error.userConflict": "После того как вы открыли эту запись, её изменил другой пользователь. Обновите и повторите попытку.",

  "issue.required": "Обязательное поле.",
  "issue.email": "Неверный адрес электронной почты.",
  "issue.minChars": "Не менее {n} символов.",
  "issue.maxChars": "Не более {n} символов.",
  "issue.maxItems": "Не более {n} элементов.",
  "issue.dateForm": "Введите дату в формате ГГГГ-ММ-ДД.",
  "issue.dateMissing": "Такой даты не существует.",
  "issue.code": "Введите двухбуквенный код ISO 3166-1 заглавными латинскими буквами, например KZ.",
  "issue.oneRole": "Назначьте хотя бы одну роль.",
  "issue.selfDisable": "Нельзя отключить собственную учётную запись.",
  "issue.selfDemote": "Нельзя снять с себя роль администратора.",
  "issue.unknownField": "Неизвестное поле.",
  "issue.option": "Выберите одно из предложенных значений.",

  "status.member": "Государство-член",
  "status.observer": "Наблюдатель",
  "status.partner": "Партнёр",
  "status.all": "Все статусы",

  "states.title": "Государства-члены",
  "states.intro": "Государства-члены, наблюдатели и партнёры СВМДА и их контактные лица.",
  "states.filter": "Фильтр",
  "states.filterPlaceholder": "Код или название",
  "states.statusFilter": "Статус",
  "states.add": "Добавить государство",
  "states.count": "Показано {shown} из {total}",
  "states.noMatch": "Нет государств, соответствующих фильтру.",
  "states.empty": "Государства пока не внесены.",
  "states.col.code": "Код",
  "states.col.name": "Название",
  "states.col.status": "Статус",
  "states.col.joinedOn": "Дата вступления",
  "states.col.contacts": "Контакты",

  "state.back": "Все государства",
  "state.details": "Сведения",
  "state.code": "Код",
  "state.nameEn": "Название на английском",
  "state.nameRu": "Название на русском",
  "state.status": "Статус",
  "state.joinedOn": "Дата вступления",
  "state.updated": "Последнее изменение: {when}, {who}",
  "state.version": "Версия {n}",
  "state.contacts": "Контактные лица",
  "state.noContacts": "Контактные лица не указаны.",
  "state.edit": "Изменить",
  "state.notFound": "Государство с кодом {code} не найдено.",
  "state.saved": "Изменения сохранены.",
  "state.created": "Государство добавлено.",

  "contact.name": "Имя",
  "contact.email": "Электронная почта",
  "contact.language": "Предпочитаемый язык",

  "stateForm.newTitle": "Новое государство",
  "stateForm.editTitle": "Изменение: {name}",
  "stateForm.code": "Код (ISO 3166-1 alpha-2)",
  "stateForm.codeHint": "Две заглавные латинские буквы, например KZ.",
  "stateForm.nameEn": "Название на английском",
  "stateForm.nameRu": "Название на русском",
  "stateForm.status": "Статус",
  "stateForm.joinedOn": "Дата вступления",
  "stateForm.joinedOnHint": "Оставьте пустым, если дата неизвестна.",
  "stateForm.contacts": "Контактные лица",
  "stateForm.contactN": "Контакт {n}",
  "stateForm.addContact": "Добавить контакт",
  "stateForm.removeContact": "Удалить",
  "stateForm.noContacts": "Контактных лиц пока нет.",
  "stateForm.create": "Добавить государство",

  "history.title": "История изменений",
  "history.intro": "Все изменения этой записи, сначала новые.",
  "history.introUsers": "Последние изменения учётных записей, сначала новые.",
  "history.empty": "Изменений не зарегистрировано.",
  "history.when": "Когда",
  "history.who": "Кто",
  "history.action": "Действие",
  "history.changes": "Изменения",
  "history.field": "Поле",
  "history.before": "Было",
  "history.after": "Стало",
  "history.more": "Показать более ранние",
  "history.record": "Запись",

  "action.create": "Создание",
  "action.update": "Изменение",
  "action.delete": "Удаление",
  "action.void": "Аннулирование",
  "action.rename": "Переименование",
  "action.extend": "Продление",
  "action.end": "Завершение",
  "action.fill": "Заполнение",

  "field.code": "Код",
  "field.name": "Название",
  "field.status": "Статус",
  "field.joinedOn": "Дата вступления",
  "field.contacts": "Контактные лица",
  "field.email": "Электронная почта",
  "field.roles": "Роли",
  "field.disabled": "Отключена",
  "field.password": "Пароль",

  "users.title": "Пользователи",
  "users.intro": "Учётные записи с доступом к системе и их права.",
  "users.add": "Добавить пользователя",
  "users.col.email": "Электронная почта",
  "users.col.name": "Имя",
  "users.col.roles": "Роли",
  "users.col.status": "Состояние",
  "users.active": "Активна",
  "users.disabled": "Отключена",
  "users.manage": "Управление",
  "users.you": "вы",
  "users.newTitle": "Новый пользователь",
  "users.email": "Электронная почта",
  "users.name": "Имя",
  "users.roles": "Роли",
  "users.password": "Пароль",
  "users.passwordHint": "Не менее 12 символов. Передайте пароль пользователю лично.",
  "users.create": "Создать пользователя",
  "users.created": "Пользователь {email} создан.",
  "users.notFound": "Пользователь {email} не найден.",
  "users.detailsTitle": "Имя и роли",
  "users.saved": "Изменения сохранены.",
  "users.account": "Учётная запись",
  "users.accountActive": "Учётная запись активна.",
  "users.accountDisabled": "Учётная запись отключена: пользователь не может войти.",
  "users.disable": "Отключить учётную запись",
  "users.enable": "Включить учётную запись",
  "users.disableHint": "Отключённый пользователь не может войти, а его открытые сеансы сразу завершаются.",
  "users.disabledDone": "Учётная запись отключена.",
  "users.enabledDone": "Учётная запись включена.",
  "users.resetTitle": "Сброс пароля",
  "users.newPassword": "Новый пароль",
  "users.reset": "Сбросить пароль",
  "users.resetHint": "Не менее 12 символов. Открытые сеансы пользователя завершатся.",
  "users.resetDone": "Пароль сброшен. Открытые сеансы пользователя завершены.",

  "forbidden.title": "Раздел недоступен",
  "forbidden.text": "Ваша роль не даёт доступа к этому разделу.",
  "notFound.title": "Страница не найдена",
  "notFound.text": "По этому адресу страницы нет.",
  "notFound.home": "Перейти к списку государств",

  "placeholder.text": "Этот раздел готовится.",
  "placeholder.more": "Он появится здесь в одном из ближайших обновлений. Благодарим за терпение.",
  "about.contributions": "Обязательства и платежи государств-членов, в денежной и натуральной форме, с итогами по годам.",
  "about.budget": "Годовой бюджет Секретариата по статьям: проект и утверждённый вариант.",
  "about.staff": "Должности Секретариата по категориям и классам, их финансирование и сотрудники.",
  "about.secondments": "Сотрудники, прикомандированные государствами-членами: сроки и продления.",
  "about.vacancies": "Открытые вакансии и кандидаты, рекомендованные государствами-членами.",
  "about.statements": "Выписки о взносах, направляемые контактным лицам государств-членов по электронной почте.",
};

export const dictionaries = { en: en as Dict, ru } as const;
export type Lang = keyof typeof dictionaries;
export type Vars = Record<string, string | number>;
export type T = (key: Key, vars?: Vars) => string;

const STORAGE_KEY = "tracker.lang";
const LOCALES: Record<Lang, string> = { en: "en-GB", ru: "ru-RU" };

function storedLang(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (value === "en" || value === "ru") return value;
  } catch {
    /* storage blocked: fall back to English */
  }
  return "en";
}

export function translate(lang: Lang, key: Key, vars?: Vars): string {
  const text = dictionaries[lang][key] ?? en[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

export interface I18n {
  lang: Lang;
  locale: string;
  t: T;
  setLang: (lang: Lang) => void;
  /** A `YYYY-MM-DD` date, as the language writes it (calendar date, no time zone shift). */
  date: (iso: string | undefined | null) => string;
  /** An ISO timestamp, in local time. */
  dateTime: (iso: string) => string;
  number: (n: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* not remembered; still switched */
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, "app.name");
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const locale = LOCALES[lang];
    const dateFmt = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    const dateTimeFmt = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    const numberFmt = new Intl.NumberFormat(locale);
    return {
      lang,
      locale,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      date: (iso) => {
        if (!iso) return "";
        const d = new Date(`${iso}T00:00:00Z`);
        return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
      },
      dateTime: (iso) => {
        const d = new Date(iso);
        return Number.isNaN(d.getTime()) ? iso : dateTimeFmt.format(d);
      },
      number: (n) => numberFmt.format(n),
    };
  }, [lang, setLang]);

  return createElement(I18nContext.Provider, { value }, children);
}

/** The current language, `t(key)` and the formatters. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

export function useT(): T {
  return useI18n().t;
}
