package store

import "pilcrow/app/model"

// deleteAccountRows removes the account and everything kept for it alone.
// The foreign keys would cascade most of these; the deletes are written out
// so that what an account's deletion removes is read in one place, and so
// that mail and sign-in links addressed to its email, which no key ties to
// the account, go too, unless another account shares the email.
func (s *Store) deleteAccountRows(userID int64) error {
	var u model.User
	if err := s.DB.Select("id, email").Where("id = ?", userID).Take(&u).Error; err != nil {
		return notFound(err)
	}
	for _, q := range []string{
		"DELETE FROM flags WHERE user_id = ?",
		"DELETE FROM comments WHERE user_id = ?",
		"DELETE FROM sessions WHERE user_id = ?",
		"DELETE FROM second_factors WHERE user_id = ?",
		"DELETE FROM recovery_codes WHERE user_id = ?",
		"DELETE FROM role_confirmations WHERE user_id = ?",
		"DELETE FROM mail_preferences WHERE user_id = ?",
		"DELETE FROM mail_outbox WHERE user_id = ?",
	} {
		if err := s.DB.Exec(q, userID).Error; err != nil {
			return err
		}
	}
	var others int64
	if err := s.DB.Model(&model.User{}).Where("id <> ? AND LOWER(email) = LOWER(?)", userID, u.Email).
		Count(&others).Error; err != nil {
		return err
	}
	if u.Email != "" && others == 0 {
		for _, q := range []string{
			"DELETE FROM mail_outbox WHERE user_id IS NULL AND LOWER(address) = LOWER(?)",
			"DELETE FROM email_sign_ins WHERE LOWER(email) = LOWER(?)",
		} {
			if err := s.DB.Exec(q, u.Email).Error; err != nil {
				return err
			}
		}
	}
	return s.DB.Exec("DELETE FROM users WHERE id = ?", userID).Error
}
